using System.Globalization;
using EVisa.DevServer.Configuration;
using EVisa.DevServer.Durable;
using EVisa.DevServer.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace EVisa.Bench.Load;

/// <summary>
/// What a run stands on: a fresh Azurite of its own (files in a run folder, or in memory; free ports) and the
/// settings a DevServer needs to use it under a task hub of the run's own, with the partition count the bare
/// orchestration uses too.
/// </summary>
public sealed class BenchEnvironment : IAsyncDisposable
{
    private readonly ILogger _log;
    private AzuriteProcess _azurite;

    private BenchEnvironment(string repository, string runId, string folder, (int, int, int) ports, AzuriteProcess azurite,
        ILoggerFactory logging, AzuriteStore store, int partitionCount)
    {
        Store = store;
        PartitionCount = partitionCount;
        Repository = repository;
        RunId = runId;
        Folder = folder;
        StoragePorts = ports;
        _azurite = azurite;
        Logging = logging;
        _log = logging.CreateLogger("bench");
        BaseAddress = new Uri($"http://127.0.0.1:{LoopbackPort.Free()}");
    }

    public string Repository { get; }

    /// <summary>Three hex digits: short enough for passport numbers, unique enough for one machine.</summary>
    public string RunId { get; }

    public string Folder { get; }
    public AzuriteStore Store { get; }
    public int PartitionCount { get; }
    public (int Blob, int Queue, int Table) StoragePorts { get; }
    public ILoggerFactory Logging { get; }
    public Uri BaseAddress { get; }
    public string Storage => _azurite.ConnectionString;
    public string TaskHub => "load" + RunId;
    public string DevServerLog => Path.Combine(Folder, "devserver.log");

    /// <summary>Azurite's debug log, a line per request, when the run counts storage requests.</summary>
    public string? StorageLog { get; private init; }

    public IReadOnlyDictionary<string, string> DevServerSettings => new Dictionary<string, string>
    {
        ["AzureWebJobsStorage"] = Storage,
        ["TaskHubName"] = TaskHub,
        [DurableSidecar.PartitionCountSetting] = PartitionCount.ToString(CultureInfo.InvariantCulture),
        ["VisaSigning:DevelopmentKeyPath"] = Path.Combine(Folder, "visa-signing-key.pem"),
    };

    /// <param name="partitionCount">Null takes the DevServer's Development default.</param>
    public static async Task<BenchEnvironment> StartAsync(ILoggerFactory logging, AzuriteStore store = AzuriteStore.Disk,
        int? partitionCount = null, bool logStorageRequests = false)
    {
        var repository = RepositoryRoot.Find()
                         ?? throw new InvalidOperationException("Run the bench from the repository (it needs node_modules/azurite).");
        var runId = Guid.NewGuid().ToString("N")[..3];
        var folder = Path.Combine(Path.GetTempPath(), $"evisa-load-{runId}-{DateTime.UtcNow:yyyyMMddHHmmss}");
        Directory.CreateDirectory(folder);
        var ports = (LoopbackPort.Free(), LoopbackPort.Free(), LoopbackPort.Free());
        var storageLog = logStorageRequests ? Path.Combine(folder, "azurite-requests.log") : null;
        var dataFolder = store == AzuriteStore.Disk ? Path.Combine(folder, "azurite") : null;
        var azurite = await StartAzuriteAsync(repository, dataFolder, ports, logging.CreateLogger("azurite"), storageLog);
        return new BenchEnvironment(repository, runId, folder, ports, azurite, logging, store,
            partitionCount ?? DevelopmentPartitionCount(repository))
        { StorageLog = storageLog };
    }

    /// <summary>The partition count a DevServer takes in Development when nobody sets one.</summary>
    private static int DevelopmentPartitionCount(string repository)
    {
        var folder = Path.Combine(repository, "functions", "EVisa.DevServer");
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(folder, "appsettings.json"), optional: true)
            .AddJsonFile(Path.Combine(folder, "appsettings.Development.json"), optional: true)
            .Build();
        return configuration.GetValue(DurableSidecar.PartitionCountSetting, DurableSidecar.DefaultPartitionCount);
    }

    public Task<DevServerProcess> StartDevServerAsync() =>
        DevServerProcess.StartAsync(Repository, BaseAddress, DevServerSettings, DevServerLog);

    /// <summary>Stops Azurite as an operator would (its data saved), and starts it again on the same ports and files.</summary>
    public async Task RestartStorageAsync(TimeSpan down)
    {
        await _azurite.DisposeAsync();
        _log.LogInformation("Azurite stopped; starting it again in {Seconds} s", down.TotalSeconds);
        await Task.Delay(down);
        _azurite = await StartAzuriteAsync(Repository, Path.Combine(Folder, "azurite"), StoragePorts, Logging.CreateLogger("azurite"),
            StorageLog);
    }

    public ValueTask DisposeAsync() => _azurite.DisposeAsync();

    private static Task<AzuriteProcess> StartAzuriteAsync(string repository, string? dataFolder, (int, int, int) ports, ILogger log,
        string? requestLog) =>
        AzuriteProcess.StartAsync(repository, dataFolder, ports, log, CancellationToken.None, requestLog);
}
