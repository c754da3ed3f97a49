using System.Diagnostics;
using System.Net.Sockets;
using EVisa.DevServer.Storage;

namespace EVisa.DevServer.Mail;

/// <summary>
/// smtp4dev, a local SMTP server with a web inbox, run from the repository's .NET local tool manifest
/// (<c>.config/dotnet-tools.json</c>, restored by the DevServer's build) when no SMTP server is configured. Like
/// Azurite it runs under a small supervising shell in its own session: when this process stops or dies, the shell's
/// input closes and it kills its whole process group (<c>dotnet tool run</c> starts smtp4dev as a child of its own),
/// so none is left behind. Messages live in memory and go with it.
/// </summary>
public sealed class Smtp4devProcess : IAsyncDisposable
{
    private const string Supervisor = """
        "$@" </dev/null &
        child=$!
        trap '' INT TERM
        IFS= read -r how
        kill -9 0
        """;

    private readonly Process _supervisor;

    private Smtp4devProcess(Process supervisor, int smtpPort, Uri inbox)
    {
        _supervisor = supervisor;
        SmtpPort = smtpPort;
        Inbox = inbox;
    }

    public int SmtpPort { get; }

    /// <summary>The web inbox; its API lists messages at <c>api/messages</c>.</summary>
    public Uri Inbox { get; }

    public static async Task<Smtp4devProcess> StartAsync(string repositoryRoot, int webPort, int smtpPort, ILogger logger,
        CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("setsid")
        {
            WorkingDirectory = repositoryRoot,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "sh", "-c", Supervisor, "smtp4dev-supervisor",
                     "dotnet", "tool", "run", "smtp4dev", "--", $"--urls=http://127.0.0.1:{webPort}", $"--smtpport={smtpPort}",
                     "--imapport=0", "--pop3port=0", "--db=", "--nousersettings", "--bindaddress=127.0.0.1",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("smtp4dev could not be started.");
        process.OutputDataReceived += (_, e) => { if (e.Data is { Length: > 0 }) logger.LogDebug("smtp4dev: {Line}", e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 }) logger.LogDebug("smtp4dev: {Line}", e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var smtp4dev = new Smtp4devProcess(process, smtpPort, new Uri($"http://127.0.0.1:{webPort}/"));
        var deadline = Stopwatch.StartNew();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        while (!await AnswersAsync(smtpPort, cancellationToken) || !await WebAnswersAsync(http, smtp4dev.Inbox, cancellationToken))
        {
            if (process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(90))
            {
                await smtp4dev.DisposeAsync();
                throw new InvalidOperationException(
                    $"smtp4dev did not start on ports {webPort} and {smtpPort}: run 'dotnet tool restore' in {repositoryRoot}, or set Mail:Host.");
            }

            await Task.Delay(250, cancellationToken);
        }

        logger.LogInformation("smtp4dev started (SMTP on {SmtpPort}, inbox at {Inbox})", smtpPort, smtp4dev.Inbox);
        return smtp4dev;
    }

    /// <summary>The configured port when it is free, else any free one.</summary>
    public static int PortOrFree(int preferred)
    {
        try
        {
            using var listener = new TcpListener(System.Net.IPAddress.Loopback, preferred);
            listener.Start();
            return preferred;
        }
        catch (SocketException)
        {
            return LoopbackPort.Free();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_supervisor.HasExited)
        {
            try
            {
                await _supervisor.StandardInput.WriteLineAsync("stop");
                _supervisor.StandardInput.Close();
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _supervisor.WaitForExitAsync(timeout.Token);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException)
            {
                _supervisor.Kill(entireProcessTree: true);
            }
        }

        _supervisor.Dispose();
    }

    private static async Task<bool> AnswersAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(System.Net.IPAddress.Loopback, port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static async Task<bool> WebAnswersAsync(HttpClient http, Uri inbox, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(inbox, "api/messages?pageSize=1"), cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
