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

    /// <summary>One page of the stuck applications in <paramref name="state"/> (open by default), for officers.</summary>
    public async Task<(IReadOnlyList<StuckApplication> Items, string? ContinuationToken)> ListAsync(int pageSize,
        string? continuationToken, WorklistState state = WorklistState.Open, CancellationToken cancellationToken = default)
    {
        var (rows, next) = await ClosableRows.PageAsync(await tables.GetAsync(tableName), Partition, state, pageSize, continuationToken,
            cancellationToken);
        return ([.. rows.Select(Read)], next);
    }

    /// <summary>The application's report, open or closed, with the open row to close it by (null once closed).</summary>
    public async Task<(StuckApplication? Stuck, TableEntity? Open)> FindAsync(string applicationId, CancellationToken cancellationToken = default)
    {
        if (!TableKeys.IsValid(applicationId))
            return (null, null);
        var (open, closed) = await ClosableRows.FindAsync(await tables.GetAsync(tableName), Partition, applicationId, cancellationToken);
        if (open is not null)
            return (Read(open), open);
        return (closed is null ? null : Read(closed), null);
    }

    /// <summary>Closes the report as read (open, or claimed for this closure); null when another closure won (it is final).</summary>
    public async Task<StuckApplication?> TryCloseAsync(TableEntity open, Closure closure, CancellationToken cancellationToken = default)
    {
        var (result, closed) = await ClosableRows.CloseAsync(await tables.GetAsync(tableName), open, closure.Columns(), cancellationToken);
        return result == ClosingResult.Closed ? Read(closed!) : null;
    }

    /// <summary>
    /// Claims the open report, as read, for a closure whose action (restart, end) is not done yet
    /// (<see cref="ClosableRows.TryClaimAsync"/>): the claimed row, or null when the row changed since it was read.
    /// </summary>
    public async Task<TableEntity?> TryClaimAsync(TableEntity open, Closure closure, CancellationToken cancellationToken = default) =>
        await ClosableRows.TryClaimAsync(await tables.GetAsync(tableName), open, closure, cancellationToken);

    /// <summary>Drops a claim whose action cannot be done (the application moved on, its fee was paid): the report is open as it was.</summary>
    public async Task ReleaseClaimAsync(TableEntity claimed, CancellationToken cancellationToken = default) =>
        await ClosableRows.ReleaseClaimAsync(await tables.GetAsync(tableName), claimed, cancellationToken);

    private static StuckApplication Read(TableEntity e) => new(
        ClosableRows.ItemKey(e.RowKey),
        ApiNames.Parse<ApplicationStatus>(e.GetString("Status")),
        e.GetDateTimeOffset("Since") ?? DateTimeOffset.MinValue,
        e.GetDateTimeOffset("ReportedAt") ?? DateTimeOffset.MinValue,
        e.GetString("RuntimeStatus"),
        Closure.Of(e));
}
