using System.Text.Json.Nodes;
using EVisa.Core.Api;
using EVisa.Core.Documents;
using EVisa.Core.Hosting;
using EVisa.Core.Storage;
using EVisa.Core.Telemetry;
using EVisa.DevServer.Configuration;
using EVisa.DevServer.Durable;
using EVisa.DevServer.Functions;
using EVisa.DevServer.Identity;
using EVisa.DevServer.Storage;
using EVisa.Functions.Api;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace EVisa.DevServer;

/// <summary>How to start a DevServer; everything else comes from configuration.</summary>
public sealed class DevServerOptions
{
    public string[] Args { get; init; } = [];

    /// <summary>Null takes the environment from ASPNETCORE_ENVIRONMENT / DOTNET_ENVIRONMENT.</summary>
    public string? EnvironmentName { get; init; }

    /// <summary>Settings that override every other source (tests use this for ports and storage).</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    public Action<ILoggingBuilder>? ConfigureLogging { get; init; }

    /// <summary>Services to add or replace after the host's own (tests add a telemetry exporter here).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }
}

/// <summary>
/// Runs the Functions app's own function classes without Azure Functions Core Tools: HTTP triggers on Kestrel under
/// the route prefix, orchestrators and activities on a Durable Task worker over the Azure Storage provider, timers
/// on their CRON schedules. Starts Azurite from the repository when no storage answers at the configured connection.
/// </summary>
public sealed class DevServerHost : IAsyncDisposable
{
    public const string DefaultStorage = "UseDevelopmentStorage=true";

    private readonly WebApplication _app;
    private readonly DurableSidecar _sidecar;
    private readonly AzuriteProcess? _azurite;
    private readonly ILoggerFactory _runtimeLogging;
    private bool _stopped;

    private DevServerHost(WebApplication app, DurableSidecar sidecar, AzuriteProcess? azurite, ILoggerFactory runtimeLogging,
        FunctionCatalog catalog)
    {
        _app = app;
        _sidecar = sidecar;
        _azurite = azurite;
        _runtimeLogging = runtimeLogging;
        Catalog = catalog;
    }

    public FunctionCatalog Catalog { get; }

    public IServiceProvider Services => _app.Services;

    public Uri BaseAddress => new(_app.Services.GetRequiredService<IServer>().Features
        .Get<IServerAddressesFeature>()!.Addresses.First());

    public static async Task<DevServerHost> StartAsync(DevServerOptions options, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = options.Args,
            EnvironmentName = options.EnvironmentName,
            ContentRootPath = AppContext.BaseDirectory,
        });
        var repository = RepositoryRoot.Find();
        if (repository is not null)
            LocalSettings.AddBelowEnvironment(builder.Configuration, Path.Combine(repository, "local.settings.json"));
        builder.Configuration.AddInMemoryCollection(options.Settings);
        options.ConfigureLogging?.Invoke(builder.Logging);

        // Logging for what runs beside the host: Azurite and the durable sidecar. It lives as long as they do.
        var runtimeLogging = LoggerFactory.Create(logging =>
        {
            logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
            logging.AddSimpleConsole(console => console.SingleLine = true);
            options.ConfigureLogging?.Invoke(logging);
        });
        var log = runtimeLogging.CreateLogger<DevServerHost>();

        UseDevelopmentVisaKey(builder.Configuration, builder.Environment.IsDevelopment(), repository);

        var storage = builder.Configuration[StorageClients.Setting] ?? DefaultStorage;
        builder.Configuration[StorageClients.Setting] = storage;

        var catalog = FunctionCatalog.Discover(typeof(EligibilityFunctions).Assembly);
        var services = new ServiceProviderBox();
        AzuriteProcess? azurite = null;
        DurableSidecar? sidecar = null;
        try
        {
            azurite = await EnsureStorageAsync(storage, repository, log, cancellationToken);
            sidecar = await DurableSidecar.StartAsync(storage, builder.Configuration["TaskHubName"] ?? "evisadev",
                builder.Configuration.GetValue(DurableSidecar.PartitionCountSetting, DurableSidecar.DefaultPartitionCount),
                runtimeLogging, cancellationToken);
            ConfigureServices(builder, catalog, services, sidecar);
            options.ConfigureServices?.Invoke(builder.Services);
            var app = builder.Build();
            services.Value = app.Services;
            ConfigurePipeline(app, catalog);
            await app.StartAsync(cancellationToken);
            return new DevServerHost(app, sidecar, azurite, runtimeLogging, catalog);
        }
        catch
        {
            if (sidecar is not null)
                await sidecar.DisposeAsync();
            if (azurite is not null)
                await azurite.DisposeAsync();
            runtimeLogging.Dispose();
            throw;
        }
    }

    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    /// <summary>Stops in order: the durable service's dispatching, then HTTP and the worker, the sidecar, Azurite.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopped)
            return;
        _stopped = true;
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _sidecar.DisposeAsync();
        if (_azurite is not null)
            await _azurite.DisposeAsync();
        _runtimeLogging.Dispose();
    }

    /// <summary>
    /// In Development, visas are sealed with a key generated on first use and kept in the checkout's git-ignored
    /// <c>.devserver/</c>, so seals stay verifiable across restarts; configured keys always win.
    /// </summary>
    public static void UseDevelopmentVisaKey(IConfiguration configuration, bool isDevelopment, string? repository)
    {
        var section = configuration.GetSection(VisaSigningKeysOptions.SectionName);
        if (!isDevelopment || repository is null
            || !string.IsNullOrEmpty(section[nameof(VisaSigningKeysOptions.CurrentKey)])
            || !string.IsNullOrEmpty(section[nameof(VisaSigningKeysOptions.DevelopmentKeyPath)]))
        {
            return;
        }

        section[nameof(VisaSigningKeysOptions.DevelopmentKeyPath)] = Path.Combine(repository, ".devserver", "visa-signing-key.pem");
    }

    private static async Task<AzuriteProcess?> EnsureStorageAsync(string connection, string? repository, ILogger log,
        CancellationToken cancellationToken)
    {
        var endpoints = StorageEndpoints.From(connection);
        if (await endpoints.AreReachableAsync(cancellationToken))
            return null;
        if (!endpoints.AreLocal || repository is null)
        {
            throw new InvalidOperationException(
                $"No storage answers at {endpoints.Blob.GetLeftPart(UriPartial.Authority)}, and the DevServer starts Azurite " +
                "only for a loopback connection inside the repository.");
        }

        log.LogInformation("No storage at {Endpoint}; starting Azurite from the repository's npm packages",
            endpoints.Blob.GetLeftPart(UriPartial.Authority));
        return await AzuriteProcess.StartAsync(repository, Path.Combine(repository, ".azurite"),
            (endpoints.Blob.Port, endpoints.Queue.Port, endpoints.Table.Port), log, cancellationToken);
    }

    private static void ConfigureServices(WebApplicationBuilder builder, FunctionCatalog catalog, ServiceProviderBox box,
        DurableSidecar sidecar)
    {
        builder.Services.AddEVisaCore(builder.Configuration);
        // Requests under the route prefix only: the durable sidecar's gRPC calls are Kestrel requests too.
        var routes = PathString.FromUriComponent("/" + RoutePrefix());
        builder.Services.AddEVisaTelemetry(builder.Configuration, telemetry => telemetry
            .ConfigureResource(resource => resource.AddService("EVisa.DevServer"))
            .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation(http =>
                http.Filter = context => context.Request.Path.StartsWithSegments(routes))));
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton(catalog);
        builder.Services.AddDurableTaskWorker(worker =>
        {
            worker.UseGrpc(sidecar.Channel);
            worker.AddTasks(registry =>
            {
                foreach (var function in catalog.Orchestrators)
                    registry.AddOrchestrator(function.Name, new FunctionOrchestrator(function, box));
                foreach (var function in catalog.Activities)
                    registry.AddActivity(function.Name, new FunctionActivity(function, box));
            });
        });
        builder.Services.AddDurableTaskClient(client =>
        {
            client.UseGrpc(sidecar.Channel);
            client.RegisterDirectly();
        });
        builder.Services.AddSingleton<IEnumerable<TimerFunction>>(catalog.Timers);
        builder.Services.AddHostedService<TimerFunctionService>();
        // Registered last, so it stops first (hosted services stop in reverse), before the worker disconnects.
        builder.Services.AddHostedService(_ => new DurableDispatchStop(sidecar));
    }

    private static void ConfigurePipeline(WebApplication app, FunctionCatalog catalog)
    {
        // A fault answers 500 problem+json with a trace id, never a stack trace, in every environment.
        app.UseExceptionHandler();
        app.MapHttpFunctions(catalog.Http, RoutePrefix());
        if (app.Environment.IsDevelopment())
            app.MapDevelopmentTokens();
        app.MapFallback(context => Problems.NotFound("resource").ExecuteAsync(context));
    }

    /// <summary>On stop, the durable service finishes its work in hand while the worker can still do it.</summary>
    private sealed class DurableDispatchStop(DurableSidecar sidecar) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => sidecar.StopDispatchingAsync();
    }

    /// <summary>The prefix host.json gives HTTP routes, as the Functions host reads it.</summary>
    public static string RoutePrefix()
    {
        var hostJson = Path.Combine(AppContext.BaseDirectory, "host.json");
        if (!File.Exists(hostJson))
            return "api";
        return JsonNode.Parse(File.ReadAllText(hostJson))?["extensions"]?["http"]?["routePrefix"]?.GetValue<string>() ?? "api";
    }
}
