using System.Net;
using Azure;
using Azure.Data.Tables;
using EVisa.Core.Storage;
using EVisa.Core.Workflow;

namespace EVisa.Core.Reminders;

/// <summary>
/// The <c>StuckApplications</c> table that officers page through: PartitionKey <c>stuck</c>, RowKey application id,
/// so the conditional insert of <see cref="TryReportAsync"/> reports an application once however many sweeps find it.
/// </summary>
public sealed class StuckApplicationStore(StorageTables tables, string tableName = StuckApplicationStore.DefaultTable)
{
    public const string DefaultTable = "StuckApplications";
    private const string Partition = "stuck";

    /// <summary>Whether this call reported it (false: it was reported before).</summary>
    public async Task<bool> TryReportAsync(StuckApplication stuck, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(tableName);
        try
        {
            await table.AddEntityAsync(new TableEntity(Partition, stuck.ApplicationId)
            {
                ["Status"] = stuck.Status.ToApiName(),
                ["Since"] = stuck.Since,
                ["ReportedAt"] = stuck.ReportedAt,
                ["RuntimeStatus"] = stuck.RuntimeStatus,
            }, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.Conflict)
        {
            return false;
        }
    }

    public async Task<StuckApplication?> GetAsync(string applicationId, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(tableName);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(Partition, applicationId, cancellationToken: cancellationToken);
        return found.HasValue ? Read(found.Value!) : null;
    }

    /// <summary>One page of the stuck applications, for officers.</summary>
    public async Task<(IReadOnlyList<StuckApplication> Items, string? ContinuationToken)> ListAsync(int pageSize,
        string? continuationToken, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(tableName);
        await foreach (var page in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"),
            maxPerPage: pageSize, cancellationToken: cancellationToken).AsPages(continuationToken, pageSize))
        {
            return ([.. page.Values.Select(Read)], page.ContinuationToken);
        }

        return ([], null);
    }

    private static StuckApplication Read(TableEntity e) => new(
        e.RowKey,
        ApiNames.Parse<ApplicationStatus>(e.GetString("Status")),
        e.GetDateTimeOffset("Since") ?? DateTimeOffset.MinValue,
        e.GetDateTimeOffset("ReportedAt") ?? DateTimeOffset.MinValue,
        e.GetString("RuntimeStatus"));
}
