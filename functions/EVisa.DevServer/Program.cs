using EVisa.DevServer;

await using var host = await DevServerHost.StartAsync(new DevServerOptions { Args = args });
Console.WriteLine($"EVisa DevServer listening on {host.BaseAddress} (API under {host.BaseAddress}api). Press Ctrl+C to stop.");
if (host.MailInbox is { } inbox)
    Console.WriteLine($"Mail sent by the DevServer: {inbox} (smtp4dev's web inbox; {inbox}api/messages lists them as JSON).");
await host.WaitForShutdownAsync();
