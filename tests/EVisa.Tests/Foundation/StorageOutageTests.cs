using System.Net;
using Azure;
using Azure.Core;
using Azure.Data.Tables;
using EVisa.Core.Api;
using EVisa.Core.Storage;
using EVisa.DevServer.Configuration;
using EVisa.DevServer.Storage;
using EVisa.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace EVisa.Tests.Foundation;

/// <summary>
/// Which faults answer 503 storage-unreachable (retry) rather than 500: those the real storage client throws when
/// nothing answers, with its retries or without; never an answer storage gave about the data, such as 404 or 409.
/// </summary>
public sealed class StorageOutageTests
{
    [Theory]
    [InlineData(0)] // the first failure as it is
    [InlineData(1)] // retries exhausted: an AggregateException of the failures
    public async Task Storage_that_does_not_answer_is_an_outage(int retries)
    {
        var nowhere = StorageEndpoints.DevelopmentConnectionString(LoopbackPort.Free(), LoopbackPort.Free(), LoopbackPort.Free());
        var options = new TableClientOptions { Retry = { MaxRetries = retries, Delay = TimeSpan.FromMilliseconds(10), Mode = RetryMode.Fixed } };
        var table = new TableServiceClient(nowhere, options).GetTableClient("Applications");

        var fault = await Record.ExceptionAsync(() => table.GetEntityIfExistsAsync<TableEntity>("a", "b"));

        Assert.NotNull(fault);
        Assert.Equal(retries > 0, fault is AggregateException);
        Assert.True(StorageOutage.Is(fault));
    }

    [Fact]
    public async Task An_answer_about_the_data_is_not_an_outage()
    {
        var table = new TableServiceClient(await SharedAzurite.ConnectionStringAsync()).GetTableClient($"outage{Guid.NewGuid():N}"[..20]);
        await table.CreateIfNotExistsAsync();
        var entity = new TableEntity("p", "r");
        await table.AddEntityAsync(entity);

        var conflict = await Assert.ThrowsAsync<RequestFailedException>(() => table.AddEntityAsync(entity));
        var missing = await Assert.ThrowsAsync<RequestFailedException>(() => table.GetEntityAsync<TableEntity>("p", "missing"));

        Assert.Equal((int)HttpStatusCode.Conflict, conflict.Status);
        Assert.False(StorageOutage.Is(conflict));
        Assert.Equal((int)HttpStatusCode.NotFound, missing.Status);
        Assert.False(StorageOutage.Is(missing));
        Assert.False(StorageOutage.Is(new InvalidOperationException("a bug, not an outage")));
        await table.DeleteAsync();
    }

    [Fact]
    public async Task A_table_first_used_while_storage_is_away_is_created_once_storage_is_back()
    {
        var ports = (Blob: LoopbackPort.Free(), Queue: LoopbackPort.Free(), Table: LoopbackPort.Free());
        var connection = StorageEndpoints.DevelopmentConnectionString(ports.Blob, ports.Queue, ports.Table);
        var options = new TableClientOptions { Retry = { MaxRetries = 0 } };
        var tables = new StorageTables(new TableServiceClient(connection, options));

        var away = await Record.ExceptionAsync(() => tables.GetAsync(StorageTables.Applications));
        Assert.NotNull(away);
        Assert.True(StorageOutage.Is(away));

        var repository = RepositoryRoot.Find() ?? throw new InvalidOperationException("Run the tests from the repository.");
        await using var azurite = await AzuriteProcess.StartAsync(repository, dataFolder: null, ports, NullLogger.Instance,
            CancellationToken.None);
        var table = await tables.GetAsync(StorageTables.Applications);
        await table.UpsertEntityAsync(new TableEntity("p", "r"));
        Assert.True((await table.GetEntityIfExistsAsync<TableEntity>("p", "r")).HasValue);
    }
}
