using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace EVisa.DevServer.Storage;

/// <summary>
/// Azurite, started from the repository's npm packages (node_modules/azurite) as one node process with stdin
/// closed, so that one process is all there is to stop.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    // Azurite saves its metadata every 5 s and on a clean close; the close can take over a minute while
    // keep-alive connections linger, so a persistent Azurite gets this long to save before it is killed.
    private static readonly TimeSpan SaveGrace = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly bool _persistent;

    private AzuriteProcess(Process process, string connectionString, bool persistent)
    {
        _process = process;
        ConnectionString = connectionString;
        _persistent = persistent;
    }

    public string ConnectionString { get; }

    /// <param name="repositoryRoot">The folder holding node_modules/azurite.</param>
    /// <param name="dataFolder">Where Azurite keeps its files; null keeps everything in memory.</param>
    /// <param name="ports">Blob, queue and table ports; null picks free ones.</param>
    public static async Task<AzuriteProcess> StartAsync(string repositoryRoot, string? dataFolder,
        (int Blob, int Queue, int Table)? ports, ILogger logger, CancellationToken cancellationToken)
    {
        var script = Path.Combine(repositoryRoot, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
            throw new InvalidOperationException($"Azurite is not installed at {script}: run 'npm ci' in {repositoryRoot}.");

        var (blob, queue, table) = ports ?? (FreePort(), FreePort(), FreePort());
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     script, "--silent", "--skipApiVersionCheck", "--disableProductStyleUrl", "--disableTelemetry",
                     "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
                     "--blobPort", blob.ToString(), "--queuePort", queue.ToString(), "--tablePort", table.ToString(),
                 })
        {
            start.ArgumentList.Add(argument);
        }

        if (dataFolder is null)
        {
            start.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            Directory.CreateDirectory(dataFolder);
            start.ArgumentList.Add("--location");
            start.ArgumentList.Add(dataFolder);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started.");
        process.StandardInput.Close();
        process.OutputDataReceived += (_, e) => { if (e.Data is { Length: > 0 }) logger.LogDebug("azurite: {Line}", e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 }) logger.LogWarning("azurite: {Line}", e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var azurite = new AzuriteProcess(process, StorageEndpoints.DevelopmentConnectionString(blob, queue, table), dataFolder is not null);
        var endpoints = StorageEndpoints.From(azurite.ConnectionString);
        var deadline = Stopwatch.StartNew();
        while (!await endpoints.AreReachableAsync(cancellationToken))
        {
            if (process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(30))
            {
                await azurite.DisposeAsync();
                throw new InvalidOperationException($"Azurite did not start on ports {blob}, {queue}, {table}.");
            }

            await Task.Delay(100, cancellationToken);
        }

        logger.LogInformation("Azurite started (blob {Blob}, queue {Queue}, table {Table}, data in {Location})",
            blob, queue, table, dataFolder ?? "memory");
        return azurite;
    }

    public async ValueTask DisposeAsync()
    {
        if (_persistent && !_process.HasExited && Interrupt(_process.Id, SigInt) == 0)
        {
            using var grace = new CancellationTokenSource(SaveGrace);
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                // Saved by now (autosave), or never will be: kill it below.
            }
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private const int SigInt = 2;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill")]
    private static extern int Interrupt(int pid, int signal);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
