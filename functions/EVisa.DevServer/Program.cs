using EVisa.DevServer;

await using var host = await DevServerHost.StartAsync(new DevServerOptions { Args = args });
Console.WriteLine($"EVisa DevServer listening on {host.BaseAddress} (API under {host.BaseAddress}api). Press Ctrl+C to stop.");
await host.WaitForShutdownAsync();
