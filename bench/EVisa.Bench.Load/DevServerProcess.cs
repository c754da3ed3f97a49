using System.Diagnostics;
using System.Globalization;

namespace EVisa.Bench.Load;

/// <summary>
/// A DevServer in a process of its own, built in this bench's configuration, so that its memory is its own and it
/// can be killed. Its console output goes to a log file.
/// </summary>
public sealed class DevServerProcess : IAsyncDisposable
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private readonly Process _process;
    private readonly StreamWriter _log;
    private long _peakBytes;

    private DevServerProcess(Process process, StreamWriter log)
    {
        _process = process;
        _log = log;
    }

    public int ProcessId => _process.Id;

    /// <summary>The process's peak resident memory (VmHWM), read from /proc while it runs.</summary>
    public long PeakMemoryBytes => Math.Max(_peakBytes, ReadPeak());

    public static async Task<DevServerProcess> StartAsync(string repository, Uri baseAddress,
        IReadOnlyDictionary<string, string> settings, string logPath)
    {
        var dll = Path.Combine(repository, "functions", "EVisa.DevServer", "bin", Configuration, "net10.0", "EVisa.DevServer.dll");
        if (!File.Exists(dll))
            throw new InvalidOperationException($"{dll} is missing: build the bench, which builds the DevServer.");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = repository,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["urls"] = baseAddress.GetLeftPart(UriPartial.Authority);
        foreach (var (key, value) in settings)
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;

        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("The DevServer did not start.");
        var server = new DevServerProcess(process, log);
        process.OutputDataReceived += (_, e) => server.Write(e.Data);
        process.ErrorDataReceived += (_, e) => server.Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"The DevServer exited with {process.ExitCode}; see {logPath}.");
            try
            {
                using var health = await http.GetAsync("/api/health");
                if (health.IsSuccessStatusCode)
                    return server;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }

            if (waited.Elapsed > TimeSpan.FromMinutes(2))
            {
                await server.KillAsync();
                throw new InvalidOperationException($"The DevServer did not answer at {baseAddress} in 2 minutes; see {logPath}.");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>kill -9: no stop handler runs, as when a machine or container dies.</summary>
    public async Task KillAsync()
    {
        _peakBytes = PeakMemoryBytes;
        if (!_process.HasExited)
            _process.Kill();
        await _process.WaitForExitAsync();
    }

    /// <summary>A graceful stop (SIGTERM, as Ctrl+C or a container stop).</summary>
    public async Task StopAsync()
    {
        _peakBytes = PeakMemoryBytes;
        if (_process.HasExited)
            return;
        using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            await term.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
        await _log.DisposeAsync();
    }

    private void Write(string? line)
    {
        if (line is null)
            return;
        lock (_log)
            _log.WriteLine(line);
    }

    private long ReadPeak()
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
        }
        catch (IOException)
        {
        }

        return 0;
    }
}
