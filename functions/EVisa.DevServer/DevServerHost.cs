using System.Text.Json.Nodes;
using EVisa.Core.Api;
using EVisa.Core.Documents;
using EVisa.Core.Hosting;
using EVisa.Core.Notifications;
using EVisa.Core.Payments;
using EVisa.Core.Portal;
using EVisa.Core.Storage;
using EVisa.Core.Telemetry;
using EVisa.DevServer.Configuration;
using EVisa.DevServer.Durable;
using EVisa.DevServer.Functions;
using EVisa.DevServer.Identity;
using EVisa.DevServer.Mail;
using EVisa.DevServer.Payments;
using EVisa.DevServer.Portal;
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
    private readonly Smtp4devProcess? _smtp4dev;
    private readonly ILoggerFactory _runtimeLogging;
    private bool _stopped;

    private DevServerHost(WebApplication app, DurableSidecar sidecar, AzuriteProcess? azurite, Smtp4devProcess? smtp4dev,
        ILoggerFactory runtimeLogging, FunctionCatalog catalog)
    {
        _app = app;
        _sidecar = sidecar;
        _azurite = azurite;
        _smtp4dev = smtp4dev;
        _runtimeLogging = runtimeLogging;
        Catalog = catalog;
    }

    public FunctionCatalog Catalog { get; }

    /// <summary>smtp4dev's web inbox, when the DevServer started one (no SMTP server configured).</summary>
    public Uri? MailInbox => _smtp4dev?.Inbox;

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
        UseSimulatedPaymentProvider(builder.Configuration, builder.Environment.IsDevelopment());
        UseCheckoutPages(builder.Configuration, repository);

        var storage = builder.Configuration[StorageClients.Setting] ?? DefaultStorage;
        builder.Configuration[StorageClients.Setting] = storage;

        var catalog = FunctionCatalog.Discover(typeof(EligibilityFunctions).Assembly);
        var services = new ServiceProviderBox();
        AzuriteProcess? azurite = null;
        Smtp4devProcess? smtp4dev = null;
        DurableSidecar? sidecar = null;
        try
        {
            azurite = await EnsureStorageAsync(storage, repository, log, cancellationToken);
            smtp4dev = await EnsureMailServerAsync(builder.Configuration, repository, log, cancellationToken);
            sidecar = await DurableSidecar.StartAsync(storage, builder.Configuration["TaskHubName"] ?? "evisadev",
                builder.Configuration.GetValue(DurableSidecar.PartitionCountSetting, DurableSidecar.DefaultPartitionCount),
                runtimeLogging, cancellationToken);
            ConfigureServices(builder, catalog, services, sidecar);
            options.ConfigureServices?.Invoke(builder.Services);
            var app = builder.Build();
            services.Value = app.Services;
            ConfigurePipeline(app, catalog);
            await app.StartAsync(cancellationToken);
            return new DevServerHost(app, sidecar, azurite, smtp4dev, runtimeLogging, catalog);
        }
        catch
        {
            if (sidecar is not null)
                await sidecar.DisposeAsync();
            if (smtp4dev is not null)
                await smtp4dev.DisposeAsync();
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
        if (_smtp4dev is not null)
            await _smtp4dev.DisposeAsync();
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

    /// <summary>In Development, the checkout goes to the DevServer's simulated provider page unless a provider is configured.</summary>
    private static void UseSimulatedPaymentProvider(IConfiguration configuration, bool isDevelopment)
    {
        var setting = $"{CheckoutOptions.SectionName}:{nameof(CheckoutOptions.CheckoutUrl)}";
        if (isDevelopment && string.IsNullOrEmpty(configuration[setting]))
            configuration[setting] = SimulatedPaymentProviderPage.CheckoutUrl;
    }

    /// <summary>The pages straight from the checkout's <c>web/dist</c> (the Functions app reads its own copy), unless configured.</summary>
    private static void UseCheckoutPages(IConfiguration configuration, string? repository)
    {
        var setting = $"{PortalOptions.SectionName}:{nameof(PortalOptions.StaticFiles)}";
        if (repository is not null && string.IsNullOrEmpty(configuration[setting]))
            configuration[setting] = Path.Combine(repository, "web", "dist");
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

    /// <summary>
    /// With no SMTP server configured (<c>Mail:Host</c>), starts smtp4dev from the repository's local tool on
    /// <c>Mail:Smtp4dev:WebPort</c> and <c>:SmtpPort</c> (5080 and 2525 when free) and points the sender at it.
    /// </summary>
    private static async Task<Smtp4devProcess?> EnsureMailServerAsync(IConfiguration configuration, string? repository, ILogger log,
        CancellationToken cancellationToken)
    {
        var mail = configuration.GetSection(MailOptions.SectionName);
        if (!string.IsNullOrEmpty(mail[nameof(MailOptions.Host)]))
            return null;
        if (repository is null)
        {
            log.LogWarning("No SMTP server is configured (Mail:Host) and no repository to start smtp4dev from: notices wait in the outbox");
            return null;
        }

        var smtp4dev = await Smtp4devProcess.StartAsync(repository,
            Smtp4devProcess.PortOrFree(mail.GetValue("Smtp4dev:WebPort", 5080)), Smtp4devProcess.PortOrFree(mail.GetValue("Smtp4dev:SmtpPort", 2525)),
            log, cancellationToken);
        mail[nameof(MailOptions.Host)] = "127.0.0.1";
        mail[nameof(MailOptions.Port)] = smtp4dev.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        mail[nameof(MailOptions.Security)] = "None";
        return smtp4dev;
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
        builder.Services.AddPortalPages();
        builder.Services.AddHttpClient();
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
        app.UseSecurityHeaders();
        // A fault answers 500 problem+json with a trace id, never a stack trace, in every environment.
        app.UseExceptionHandler();
        app.UsePortalPages();
        app.UseRouting();
        app.MapHttpFunctions(catalog.Http, RoutePrefix());
        if (app.Environment.IsDevelopment())
        {
            app.MapDevelopmentTokens();
            app.MapSimulatedPaymentProvider();
        }

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
