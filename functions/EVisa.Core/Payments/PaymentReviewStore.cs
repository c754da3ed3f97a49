using System.Globalization;
using System.Net;
using Azure;
using Azure.Data.Tables;
using EVisa.Core.Storage;

namespace EVisa.Core.Payments;

/// <summary>One page of the review queue and the token for the next, null on the last page.</summary>
public sealed record PaymentReviewPage(IReadOnlyList<PaymentReview> Items, string? ContinuationToken);

/// <summary>
/// The <c>PaymentReviews</c> table, the officers' queue of payments that were not credited. One partition, rows keyed
/// by the time the event arrived and its id, so the queue reads oldest first, a page at a time, without a scan; and a
/// resumed delivery finds the row it wrote, never a second one, nor overwrites one an officer claimed or resolved. A
/// resolution closes the row as <see cref="ClosableRows"/> do: final, one winner.
/// </summary>
public sealed class PaymentReviewStore(StorageTables tables)
{
    private const string Partition = "queue";

    /// <summary>
    /// Queues the review of one event, once: its row is added only where the event has none, open or resolved, so a
    /// resumed delivery finds the review it queued before and leaves it, and never overwrites one an officer has claimed
    /// or resolved since (R8: a payment is in the queue once; a resolution is final). False when the event's review was
    /// there already.
    /// </summary>
    public async Task<bool> AddAsync(PaymentReview review, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(PaymentTables.PaymentReviews);
        var key = RowKey(review.EventId, review.ReceivedAt);
        ETag added;
        try
        {
            added = (await table.AddEntityAsync(new TableEntity(Partition, key)
            {
                ["EventId"] = review.EventId,
                ["PaymentReference"] = review.PaymentReference,
                ["ApplicationId"] = review.ApplicationId,
                ["AmountMinor"] = review.AmountMinor,
                ["Currency"] = review.Currency,
                ["Reason"] = review.Reason,
                ["OccurredAt"] = review.OccurredAt,
                ["ReceivedAt"] = review.ReceivedAt,
            }, cancellationToken)).Headers.ETag ?? default;
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.Conflict)
        {
            return false;
        }

        // Resolved before this delivery came back (its open row moved to the closed key): that is the review, so the row
        // just added goes again. Looked at after the add, so a resolution at any moment before it is seen.
        if (!(await table.GetEntityIfExistsAsync<TableEntity>(Partition, ClosableRows.ClosedKey(key), cancellationToken: cancellationToken)).HasValue)
            return true;
        try
        {
            await table.DeleteEntityAsync(Partition, key, added, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.NotFound)
        {
            // Claimed or resolved by an officer in the meantime: theirs now.
        }

        return false;
    }

    /// <summary>A page of the queue in <paramref name="state"/> (all by default), oldest first, and the table service's token for the next page.</summary>
    public async Task<(IReadOnlyList<PaymentReview> Items, string? ContinuationToken)> ListAsync(string? serviceToken, int pageSize,
        WorklistState state = WorklistState.All, CancellationToken cancellationToken = default)
    {
        var (rows, next) = await ClosableRows.PageAsync(await tables.GetAsync(PaymentTables.PaymentReviews), Partition, state, pageSize,
            serviceToken, cancellationToken);
        return ([.. rows.Select(ToReview)], next);
    }

    /// <summary>The review by its id, open or resolved, with the open row to resolve it by (null once resolved).</summary>
    public async Task<(PaymentReview? Review, TableEntity? Open)> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        // The id is a row key holding the provider's event id: anything a key may hold, but never a closed row's key.
        if (id.Length is 0 or > 512 || id.StartsWith('~') || id.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)))
            return (null, null);
        var (open, closed) = await ClosableRows.FindAsync(await tables.GetAsync(PaymentTables.PaymentReviews), Partition, id, cancellationToken);
        if (open is not null)
            return (ToReview(open), open);
        return (closed is null ? null : ToReview(closed), null);
    }

    /// <summary>Resolves the open review as read; null when another resolution won (it is final).</summary>
    public async Task<PaymentReview?> TryResolveAsync(TableEntity open, Closure resolution, CancellationToken cancellationToken = default)
    {
        var (result, closed) = await ClosableRows.CloseAsync(await tables.GetAsync(PaymentTables.PaymentReviews), open, resolution.Columns(),
            cancellationToken);
        return result == ClosingResult.Closed ? ToReview(closed!) : null;
    }

    /// <summary>
    /// Claims the open review, as read, for a credit not yet made (<see cref="ClosableRows.TryClaimAsync"/>): the claimed
    /// row, or null when the row changed since it was read.
    /// </summary>
    public async Task<TableEntity?> TryClaimCreditAsync(TableEntity open, Closure credit, CancellationToken cancellationToken = default) =>
        await ClosableRows.TryClaimAsync(await tables.GetAsync(PaymentTables.PaymentReviews), open, credit, cancellationToken);

    /// <summary>The credit claimed on an open review and not finished; null when there is none.</summary>
    public static Closure? ClaimedCredit(TableEntity open) => ClosableRows.ClaimOf(open);

    /// <summary>Drops a claim whose credit cannot be made (the request was paid or closed since); a row changed since is left alone.</summary>
    public async Task ReleaseCreditClaimAsync(TableEntity claimed, CancellationToken cancellationToken = default) =>
        await ClosableRows.ReleaseClaimAsync(await tables.GetAsync(PaymentTables.PaymentReviews), claimed, cancellationToken);

    /// <summary>
    /// R8: a claimed credit was made (the application's request paid by this payment) but could not reach the
    /// application, so the review stays open for an officer, now for that application and that reason, its claim dropped;
    /// in place, by ETag, never as a second review of the same payment. Null when the row changed since it was read.
    /// </summary>
    public async Task<PaymentReview?> TryRequeueAsync(TableEntity claimed, string applicationId, string reason,
        CancellationToken cancellationToken = default)
    {
        var requeued = ClosableRows.WithoutClaim(claimed);
        requeued["ApplicationId"] = applicationId;
        requeued["Reason"] = reason;
        var written = await ClosableRows.TryReplaceAsync(await tables.GetAsync(PaymentTables.PaymentReviews), requeued, claimed.ETag,
            cancellationToken);
        return written is null ? null : ToReview(written);
    }

    /// <summary>The review of one event, by a point read: its row key comes from the event's recorded arrival time.</summary>
    public async Task<PaymentReview?> GetAsync(string eventId, DateTimeOffset receivedAt, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(PaymentTables.PaymentReviews);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(Partition, RowKey(eventId, receivedAt), cancellationToken: cancellationToken);
        return found.HasValue ? ToReview(found.Value!) : null;
    }

    /// <summary>The review's stable id (its row key): the time its event arrived, then the event's id.</summary>
    public static string IdFor(string eventId, DateTimeOffset receivedAt) => RowKey(eventId, receivedAt);

    private static string RowKey(string eventId, DateTimeOffset receivedAt) =>
        receivedAt.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "-" + eventId;

    private static PaymentReview ToReview(TableEntity e) => new(
        e.GetString("EventId"), e.GetString("PaymentReference"), e.GetString("ApplicationId"),
        e.GetInt64("AmountMinor")!.Value, e.GetString("Currency"), e.GetString("Reason"),
        e.GetDateTimeOffset("OccurredAt")!.Value, e.GetDateTimeOffset("ReceivedAt")!.Value, ClosableRows.ItemKey(e.RowKey), Closure.Of(e));
}
