using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using EVisa.Core.Identity;
using EVisa.DevServer;
using EVisa.DevServer.Payments;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;

namespace EVisa.Tests.Infrastructure;

/// <summary>DevServers for tests: real Kestrel on a free port, the shared Azurite, a task hub of the test's choosing.</summary>
public static class TestServers
{
    /// <summary>The second webhook secret the test servers accept, as during a rotation.</summary>
    public const string RotatedPaymentWebhookSecret = "whsec_test_rotation_second_secret";

    /// <summary>Every span any test server exported in this run; tests pick theirs by their own ids.</summary>
    public static ExportedSpanCollection Spans { get; } = new();

    private static readonly Lazy<Task<DevServerHost>> Shared = new(() => StartAsync(UniqueHub("shared"), new CapturedLogs()));

    /// <summary>One DevServer that tests share; each test uses its own ids.</summary>
    public static Task<DevServerHost> SharedAsync() => Shared.Value;

    public static string UniqueHub(string purpose) => $"{purpose}{Guid.NewGuid():N}"[..24];

    public static async Task<DevServerHost> StartAsync(string taskHub, CapturedLogs logs,
        string environment = "Development", IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = await SharedAzurite.ConnectionStringAsync(),
            ["TaskHubName"] = taskHub,
            ["urls"] = "http://127.0.0.1:0",
            // Outside Development the DevServer has no development keys; tests give the same ones.
            ["Identity:Issuer"] = "https://evisa.local/dev",
            ["Identity:Audience"] = "evisa-api",
            ["Identity:SigningKeys:0"] = "ZGV2LW9ubHktc2lnbmluZy1rZXktZm9yLWV2aXNhLWxvY2FsLXJ1bnMtMzJieXRlcyE=",
            // Payments: the development secret and a second one, as during a rotation.
            ["PaymentWebhook:Secrets:0"] = PaymentProviderSimulator.DevelopmentSecret,
            ["PaymentWebhook:Secrets:1"] = RotatedPaymentWebhookSecret,
            // Visa seals: a development key of the test run's own, never the checkout's .devserver key.
            ["VisaSigning:DevelopmentKeyPath"] = Path.Combine(Path.GetTempPath(), $"evisa-tests-{taskHub}", "visa-signing-key.pem"),
            // Mail: the test run's SMTP server (no smtp4dev per server); the sweep runs only when a test drives it.
            ["Mail:Host"] = "127.0.0.1",
            ["Mail:Port"] = SharedSmtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["MailSchedule"] = "0 0 0 1 1 *",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            all[key] = value;
        return await DevServerHost.StartAsync(new DevServerOptions
        {
            EnvironmentName = environment,
            Settings = all,
            ConfigureLogging = logging =>
            {
                logging.ClearProviders();
                logging.AddProvider(logs);
            },
            ConfigureServices = collection =>
            {
                collection.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans));
                services?.Invoke(collection);
            },
        });
    }

    /// <summary>
    /// A client as a browser is one: it sends no trace context. Tests share a process with the servers' tracing, which
    /// would otherwise record its calls and hand their sampling decision to the server it calls.
    /// </summary>
    public static HttpClient Client(this DevServerHost server) =>
        new(new SocketsHttpHandler { ActivityHeadersPropagator = DistributedContextPropagator.CreateNoOutputPropagator() })
        {
            BaseAddress = server.BaseAddress,
        };

    /// <summary>A client carrying a bearer token the server itself issued for this subject and role.</summary>
    public static HttpClient ClientFor(this DevServerHost server, string subject, Role role)
    {
        var client = server.Client();
        var token = server.Services.GetRequiredService<BearerTokens>().Issue(subject, role, TimeSpan.FromMinutes(10));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static Task<HttpResponseMessage> PostJsonAsync<T>(this HttpClient client, string path, T body) =>
        client.PostAsJsonAsync(path, body);
}
