using EVisa.DevServer.Configuration;
using EVisa.DevServer.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace EVisa.Tests.Infrastructure;

/// <summary>
/// One Azurite for the whole test run: started on first use on free ports with in-memory persistence, killed when
/// the test process exits (its own SIGTERM exit takes over a minute). Tests keep their data apart by their own ids
/// and task hubs, so they can share it and run in parallel.
/// </summary>
public static class SharedAzurite
{
    private static readonly Lazy<Task<AzuriteProcess>> Instance = new(StartAsync);

    public static async Task<string> ConnectionStringAsync() => (await Instance.Value).ConnectionString;

    private static async Task<AzuriteProcess> StartAsync()
    {
        var repository = RepositoryRoot.Find() ?? throw new InvalidOperationException("Run the tests from the repository.");
        var azurite = await AzuriteProcess.StartAsync(repository, dataFolder: null, ports: null, NullLogger.Instance, CancellationToken.None);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => azurite.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return azurite;
    }
}
