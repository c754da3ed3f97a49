using System.Collections.Concurrent;
using Azure.Data.Tables;

namespace EVisa.Core.Storage;

/// <summary>
/// The product's tables in one storage account. Each table is created once per process, on first use, so a
/// fresh Azurite or a new environment needs no setup step.
/// </summary>
public sealed class StorageTables(TableServiceClient service)
{
    public const string Applications = "Applications";
    public const string TimerRuns = "TimerRuns";

    private readonly ConcurrentDictionary<string, Lazy<Task<TableClient>>> _tables = new();

    public Task<TableClient> GetAsync(string name) =>
        _tables.GetOrAdd(name, n => new Lazy<Task<TableClient>>(() => CreateAsync(n))).Value;

    private async Task<TableClient> CreateAsync(string name)
    {
        var table = service.GetTableClient(name);
        await table.CreateIfNotExistsAsync();
        return table;
    }
}
