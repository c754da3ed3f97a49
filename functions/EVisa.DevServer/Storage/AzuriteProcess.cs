using System.Diagnostics;
using System.Globalization;

namespace EVisa.DevServer.Storage;

/// <summary>
/// Azurite, started from the repository's npm packages (node_modules/azurite) under a small supervising shell.
/// The shell holds a pipe from this process: when we stop it, or when this process dies in any way (a test host
/// killed at the end of a run, kill -9), the pipe closes and the shell stops Azurite, so none is left behind.
/// It runs in its own session, so a Ctrl+C in the terminal reaches the DevServer only, which still needs storage
/// while it stops and stops Azurite last.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    // "kill" ends Azurite at once (in-memory data has nothing to save). Anything else, end of input included,
    // asks Azurite to close, which saves its metadata (else saved every 5 s), and kills it after 10 s: its close
    // can take over a minute while keep-alive connections linger.
    private const string Supervisor = """
        node "$@" </dev/null &
        child=$!
        trap '' INT TERM
        IFS= read -r how || how=save
        if [ "$how" = kill ]; then kill -9 "$child"; exit 0; fi
        kill -INT "$child"
        i=0
        while kill -0 "$child" 2>/dev/null && [ "$i" -lt 100 ]; do sleep 0.1; i=$((i+1)); done
        kill -9 "$child" 2>/dev/null
        exit 0
        """;

    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);

    private readonly Process _supervisor;
    private readonly bool _persistent;

    private AzuriteProcess(Process supervisor, string connectionString, bool persistent)
    {
        _supervisor = supervisor;
        ConnectionString = connectionString;
        _persistent = persistent;
    }

    public string ConnectionString { get; }

    /// <param name="repositoryRoot">The folder holding node_modules/azurite.</param>
    /// <param name="dataFolder">Where Azurite keeps its files; null keeps everything in memory.</param>
    /// <param name="ports">Blob, queue and table ports; null picks free ones.</param>
    /// <param name="requestLog">A file for Azurite's debug log, which has a line per request (the load bench counts them).</param>
    public static async Task<AzuriteProcess> StartAsync(string repositoryRoot, string? dataFolder,
        (int Blob, int Queue, int Table)? ports, ILogger logger, CancellationToken cancellationToken, string? requestLog = null)
    {
        var script = Path.Combine(repositoryRoot, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
            throw new InvalidOperationException($"Azurite is not installed at {script}: run 'npm ci' in {repositoryRoot}.");

        var (blob, queue, table) = ports ?? (LoopbackPort.Free(), LoopbackPort.Free(), LoopbackPort.Free());
        var start = new ProcessStartInfo("setsid")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "sh", "-c", Supervisor, "azurite-supervisor",
                     script, "--silent", "--skipApiVersionCheck", "--disableProductStyleUrl", "--disableTelemetry",
                     "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
                     "--blobPort", blob.ToString(CultureInfo.InvariantCulture), "--queuePort", queue.ToString(CultureInfo.InvariantCulture), "--tablePort", table.ToString(CultureInfo.InvariantCulture),
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

        if (requestLog is not null)
        {
            start.ArgumentList.Add("--debug");
            start.ArgumentList.Add(requestLog);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Azurite could not be started.");
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
        if (!_supervisor.HasExited)
        {
            try
            {
                await _supervisor.StandardInput.WriteLineAsync(_persistent ? "save" : "kill");
                _supervisor.StandardInput.Close();
                using var timeout = new CancellationTokenSource(StopTimeout);
                await _supervisor.WaitForExitAsync(timeout.Token);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException)
            {
                _supervisor.Kill(entireProcessTree: true);
            }
        }

        _supervisor.Dispose();
    }
}
