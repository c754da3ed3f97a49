using System.Net;
using Azure;
using Azure.Data.Tables;

namespace EVisa.Core.Storage;

/// <summary>Which items of an officer's worklist to list: those that still need a person, those closed, or both.</summary>
public enum WorklistState
{
    Open,
    Closed,
    All,
}

/// <summary>How closing a worklist item went.</summary>
public enum ClosingResult
{
    Closed,

    /// <summary>No such item, open or closed.</summary>
    NotFound,

    /// <summary>Closed before (or by a concurrent request that won): a closure is final.</summary>
    AlreadyClosed,
}

/// <summary>
/// An officer's worklist in one table partition (stuck applications, overdue arrival notices, payment reviews): an open
/// item is the row at its key; closing it is one entity-group transaction in that partition that deletes the open row
/// on its ETag and writes the closed copy at <c>~closed-</c> + key. So a closure is atomic and final (a second or
/// concurrent one loses the ETag and is told it was closed), and "open only" or "closed only" is a range of row keys,
/// read a page at a time like the rest, never a filter over a scan. Keys must sort below <c>~</c> (ids, digits).
/// </summary>
public static class ClosableRows
{
    private const string ClosedPrefix = "~closed-";

    public static string ClosedKey(string key) => ClosedPrefix + key;

    /// <summary>The item's own key, whichever row holds it.</summary>
    public static string ItemKey(string rowKey) => rowKey.StartsWith(ClosedPrefix, StringComparison.Ordinal) ? rowKey[ClosedPrefix.Length..] : rowKey;

    public static string Filter(string partition, WorklistState state) => state switch
    {
        WorklistState.Open => TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey lt {"~"}"),
        WorklistState.Closed => TableClient.CreateQueryFilter(
            $"PartitionKey eq {partition} and RowKey ge {ClosedPrefix} and RowKey lt {ClosedPrefix[..^1] + "."}"),
        _ => TableClient.CreateQueryFilter($"PartitionKey eq {partition}"),
    };

    /// <summary>One page of the worklist in <paramref name="state"/>, and the table service's token for the next.</summary>
    public static async Task<(IReadOnlyList<TableEntity> Rows, string? ContinuationToken)> PageAsync(TableClient table, string partition,
        WorklistState state, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        await foreach (var page in table.QueryAsync<TableEntity>(Filter(partition, state), maxPerPage: pageSize,
            cancellationToken: cancellationToken).AsPages(continuationToken, pageSize))
        {
            return (page.Values, page.ContinuationToken);
        }

        return ([], null);
    }

    /// <summary>The item's open row, or else its closed row; both null when there is no such item.</summary>
    public static async Task<(TableEntity? Open, TableEntity? Closed)> FindAsync(TableClient table, string partition, string key,
        CancellationToken cancellationToken)
    {
        var open = await table.GetEntityIfExistsAsync<TableEntity>(partition, key, cancellationToken: cancellationToken);
        if (open.HasValue)
            return (open.Value, null);
        var closed = await table.GetEntityIfExistsAsync<TableEntity>(partition, ClosedKey(key), cancellationToken: cancellationToken);
        return (null, closed.HasValue ? closed.Value : null);
    }

    /// <summary>
    /// Closes the open row as read (its ETag) with the closure's columns (a claim it carried is dropped); a row changed
    /// or closed since answers <see cref="ClosingResult.AlreadyClosed"/> and writes nothing.
    /// </summary>
    public static async Task<(ClosingResult Result, TableEntity? Closed)> CloseAsync(TableClient table, TableEntity open,
        IReadOnlyDictionary<string, object?> closure, CancellationToken cancellationToken)
    {
        var closed = new TableEntity(open.PartitionKey, ClosedKey(open.RowKey));
        foreach (var (name, value) in Columns(open))
            closed[name] = value;
        foreach (var (name, value) in closure)
            closed[name] = value;
        try
        {
            await table.SubmitTransactionAsync([
                new TableTransactionAction(TableTransactionActionType.Delete, open, open.ETag),
                new TableTransactionAction(TableTransactionActionType.UpsertReplace, closed),
            ], cancellationToken);
            return (ClosingResult.Closed, closed);
        }
        catch (RequestFailedException e) when (e.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.NotFound)
        {
            return (ClosingResult.AlreadyClosed, null);
        }
    }

    /// <summary>
    /// Claims the open row, as read (its ETag), for a closure whose action is not done yet (a credit, a restart): the
    /// closure is kept on the open row under <c>Claimed</c>, with an id of its own, so a crash before the row is closed
    /// leaves the item open and claimed, and the next attempt to close it finishes that closure first. The claimed row
    /// (its new ETag), or null when the row changed since it was read.
    /// </summary>
    public static async Task<TableEntity?> TryClaimAsync(TableClient table, TableEntity open, Closure closure,
        CancellationToken cancellationToken)
    {
        var claimed = WithoutClaim(open);
        foreach (var (name, value) in closure.Columns(ClaimPrefix))
            claimed[name] = value;
        claimed[ClaimIdColumn] = Guid.NewGuid().ToString("N");
        return await TryReplaceAsync(table, claimed, open.ETag, cancellationToken);
    }

    /// <summary>The closure claimed on an open row and not finished; null when there is none.</summary>
    public static Closure? ClaimOf(TableEntity open) => Closure.Of(open, ClaimPrefix);

    /// <summary>The claim's own id: what its action marks its work with, so a repeat of it recognises that work.</summary>
    public static string? ClaimIdOf(TableEntity open) => open.GetString(ClaimIdColumn);

    /// <summary>Drops a claim whose action cannot be done after all; a row changed since is left alone.</summary>
    public static async Task ReleaseClaimAsync(TableClient table, TableEntity claimed, CancellationToken cancellationToken) =>
        await TryReplaceAsync(table, WithoutClaim(claimed), claimed.ETag, cancellationToken);

    /// <summary>
    /// Replaces the row as read (its ETag) with <paramref name="row"/>: the row with its new ETag, or null when it changed
    /// or was closed since.
    /// </summary>
    public static async Task<TableEntity?> TryReplaceAsync(TableClient table, TableEntity row, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            var response = await table.UpdateEntityAsync(row, etag, TableUpdateMode.Replace, cancellationToken);
            row.ETag = response.Headers.ETag ?? default;
            return row;
        }
        catch (RequestFailedException e) when (e.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>The row as it was before any claim (same keys and ETag).</summary>
    public static TableEntity WithoutClaim(TableEntity row) =>
        new(row.Where(c => !c.Key.StartsWith(ClaimPrefix, StringComparison.Ordinal)).ToDictionary()) { ETag = row.ETag };

    private const string ClaimPrefix = "Claimed";
    private const string ClaimIdColumn = ClaimPrefix + "Id";

    /// <summary>The item's own columns: not its keys, the service's, or a claim.</summary>
    private static IEnumerable<KeyValuePair<string, object>> Columns(TableEntity row) =>
        row.Where(c => c.Key is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")
            && !c.Key.StartsWith(ClaimPrefix, StringComparison.Ordinal));
}
