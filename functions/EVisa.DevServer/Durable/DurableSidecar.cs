using System.Net;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;

namespace EVisa.DevServer.Durable;

/// <summary>
/// The durable runtime outside Azure Functions: the Azure Storage provider that Durable Functions uses by default,
/// behind the Durable Task gRPC sidecar (TaskHubGrpcServer) on a loopback HTTP/2 port. The DevServer's worker and
/// client talk to it over <see cref="Channel"/>; state lives in storage, so orchestrations survive a restart.
/// </summary>
public sealed class DurableSidecar : IAsyncDisposable
{
    /// <summary>The setting that sets the task hub's partition count (control queues); host.json's counterpart is
    /// <c>storageProvider.partitionCount</c>.</summary>
    public const string PartitionCountSetting = "DurableTask:PartitionCount";

    /// <summary>The provider's own default, which host.json keeps for Azure.</summary>
    public const int DefaultPartitionCount = 4;

    private readonly WebApplication _server;
    private readonly StartStopOnce _service;

    private DurableSidecar(WebApplication server, StartStopOnce service, GrpcChannel channel)
    {
        _server = server;
        _service = service;
        Channel = channel;
    }

    public GrpcChannel Channel { get; }

    /// <param name="partitionCount">Control queues of the task hub (1 to 16). Changing it for an existing hub strands what
    /// waits on the queues it drops (a pending durable timer, say); the provider logs a warning then.</param>
    public static async Task<DurableSidecar> StartAsync(string storageConnection, string taskHub, int partitionCount,
        ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var storageService = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = taskHub,
            StorageAccountClientProvider = new StorageAccountClientProvider(storageConnection),
            // Table partition management: with blob leases a restart waited up to 36 s for the old leases.
            UseTablePartitionManagement = true,
            PartitionCount = partitionCount,
            // The 30 s default delays events raised from another process; 1 s suits one local machine.
            MaxQueuePollingInterval = TimeSpan.FromSeconds(1),
            // A message a stopping or killed DevServer had fetched but not finished stays invisible this long before
            // the next one sees it; the 5-minute default would stall a restarted DevServer. Work in progress renews it.
            ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(30),
            WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(30),
            LoggerFactory = loggerFactory,
        });
        await storageService.CreateIfNotExistsAsync();
        var service = new StartStopOnce(storageService);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<ILoggerFactory>(loggerFactory);
        builder.Services.AddSingleton<IHostLifetime, OwnedLifetime>();
        builder.WebHost.UseUrls(); // its one endpoint is below, whatever ASPNETCORE_URLS says for the API
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton<IOrchestrationService>(service);
        builder.Services.AddSingleton<IOrchestrationServiceClient>(storageService);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        var server = builder.Build();
        server.MapGrpcService<TaskHubGrpcServer>();
        await server.StartAsync(cancellationToken);

        var address = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new DurableSidecar(server, service, GrpcChannel.ForAddress(address));
    }

    /// <summary>
    /// Stops taking work, lets the work in hand finish and releases the task hub's partitions, while the worker is
    /// still connected. Stopping the worker first strands a message fetched in the meantime: it stays invisible on
    /// its queue for the visibility timeout (5 minutes), and the next DevServer waits that long for it.
    /// </summary>
    public Task StopDispatchingAsync() => _service.StopAsync(isForced: false);

    /// <summary>After <see cref="StopDispatchingAsync"/> and the worker's stop: the channel, then the server.</summary>
    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _server.StopAsync();
        await _server.DisposeAsync();
    }

    /// <summary>The sidecar is stopped by its owner, never by Ctrl+C directly: that would race the worker's stop.</summary>
    private sealed class OwnedLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
