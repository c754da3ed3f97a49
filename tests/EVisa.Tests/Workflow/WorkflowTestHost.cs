using EVisa.Core.Hosting;
using EVisa.Core.Rules;
using EVisa.Core.Storage;
using EVisa.Core.Workflow;
using EVisa.DevServer.Functions;
using EVisa.Functions.Workflow;
using EVisa.Tests.Infrastructure;
using EVisa.Tests.Reminders;
using Microsoft.AspNetCore.Connections;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EVisa.Tests.Workflow;

/// <summary>
/// The orchestrations and activities of EVisa.Functions, registered as the DevServer registers them, on the in-process
/// durable test host (in-memory history, no task hub in storage), with the real Core services on the shared Azurite
/// behind the activities. One per test: the test owns its clock (a movable one) and the passport rules' options, so
/// "confirmation day" can be any day and a setting can change between submission and confirmation.
/// </summary>
public sealed class WorkflowTestHost : IAsyncDisposable
{
    private readonly DurableTaskTestHost _host;

    private WorkflowTestHost(DurableTaskTestHost host, ServiceProvider services, MovableClock clock, PassportRuleOptions passport,
        CapturedLogs logs)
    {
        _host = host;
        Logs = logs;
        Services = services;
        Clock = clock;
        PassportRules = passport;
    }

    public ServiceProvider Services { get; }

    public MovableClock Clock { get; }

    /// <summary>The R9 options the activities read; a test may change them between steps.</summary>
    public PassportRuleOptions PassportRules { get; }

    public DurableTaskClient Client => _host.Client;

    public CapturedLogs Logs { get; }

    public static async Task<WorkflowTestHost> StartAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = await SharedAzurite.ConnectionStringAsync(),
            ["VisaSigning:DevelopmentKeyPath"] = Path.Combine(Path.GetTempPath(), "evisa-tests-workflow", "visa-signing-key.pem"),
        }).Build();
        var clock = new MovableClock(DateTimeOffset.UtcNow);
        var passport = new PassportRuleOptions();
        var logs = new CapturedLogs();
        var services = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(logs))
            .AddSingleton<IConfiguration>(configuration)
            .AddEVisaCore(configuration)
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton(Options.Create(passport))
            .BuildServiceProvider();
        var box = new ServiceProviderBox { Value = services };
        var catalog = FunctionCatalog.Discover(typeof(ApplicationWorkflowFunctions).Assembly);
        var host = await StartSidecarAsync(registry =>
        {
            foreach (var function in catalog.Orchestrators)
                registry.AddOrchestrator(function.Name, new FunctionOrchestrator(function, box));
            foreach (var function in catalog.Activities)
                registry.AddActivity(function.Name, new FunctionActivity(function, box));
        });
        return new WorkflowTestHost(host, services, clock, passport, logs);
    }

    /// <summary>
    /// The test host binds its sidecar to a random port in 30000-40000 without a second try, a range that overlaps the
    /// kernel's ephemeral ports (32768-60999), so on a busy machine one start in a few hundred finds its port taken by
    /// some outgoing connection; another random port is then as good.
    /// </summary>
    private static async Task<DurableTaskTestHost> StartSidecarAsync(Action<DurableTaskRegistry> registry)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await DurableTaskTestHost.StartAsync(registry);
            }
            catch (IOException e) when (e.InnerException is AddressInUseException && attempt < 5)
            {
            }
        }
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Starts the new shape for an application the submission accepted, with the waits the test gives.</summary>
    public Task StartAsync(string applicationId, TimeSpan confirmationTimeout, TimeSpan paymentTimeout) =>
        Client.ScheduleNewOrchestrationInstanceAsync(ApplicationWorkflowV2.OrchestratorName,
            new ApplicationOrchestrationInput(applicationId, confirmationTimeout, paymentTimeout), new StartOrchestrationOptions(applicationId));

    public Task<ApplicationView> StatusBecomesAsync(string applicationId, ApplicationStatus status) =>
        Eventually.ReturnsAsync(() => Get<ApplicationStatusStore>().GetAsync(applicationId), v => v?.Status == status,
            TimeSpan.FromSeconds(30), $"application {applicationId} {status}")!;

    /// <summary>The orchestration's end: its output, the status the last step recorded.</summary>
    public async Task<ApplicationStatus> EndsAsync(string applicationId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var instance = await Client.WaitForInstanceCompletionAsync(applicationId, getInputsAndOutputs: true, timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        return instance.ReadOutputAs<ApplicationStatus>();
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await Services.DisposeAsync();
    }
}
