using System.Net;
using Azure;
using Azure.Data.Tables;
using EVisa.Core.Storage;

namespace EVisa.Core.Payments;

/// <summary>How far a recorded event got. Only the first three are not final, and a later delivery resumes them.</summary>
public enum PaymentEventState
{
    /// <summary>Recorded, not yet acted on (or its handler crashed): a later delivery takes over once the lease ran out.</summary>
    Received,

    /// <summary>Credited to its request, not yet raised to the orchestration: any later delivery raises it again.</summary>
    Credited,

    /// <summary>Credited and raised to the application's orchestration.</summary>
    Delivered,

    /// <summary>Not credited (or credited with no orchestration to hear it): in the review queue (R8).</summary>
    Reviewed,

    /// <summary>A failed payment, noted on its request (or ignored because the request no longer awaits).</summary>
    FailureRecorded,
}

/// <summary>A recorded event, how far it got, when it arrived and when a handler last took it up.</summary>
public sealed record StoredPaymentEvent(
    PaymentEvent Event,
    PaymentEventState State,
    DateTimeOffset ReceivedAt,
    DateTimeOffset ClaimedAt,
    string? ApplicationId,
    ETag ETag)
{
    public bool IsFinal => State is PaymentEventState.Delivered or PaymentEventState.Reviewed or PaymentEventState.FailureRecorded;
}

/// <summary>
/// The <c>PaymentEvents</c> table: every verified event, keyed by the provider's event id and recorded before it is
/// acted on, so a repeated delivery is recognised (and changes nothing) and a crash between steps can be resumed.
/// </summary>
public sealed class PaymentEventStore(StorageTables tables)
{
    /// <summary>Records a new event (conditional add); when the id is already there, returns what is recorded instead.</summary>
    public async Task<(bool IsNew, StoredPaymentEvent Stored)> RecordAsync(PaymentEvent paymentEvent, DateTimeOffset receivedAt,
        CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(PaymentTables.PaymentEvents);
        var entity = new TableEntity(paymentEvent.EventId, "")
        {
            ["PaymentReference"] = paymentEvent.PaymentReference,
            ["AmountMinor"] = paymentEvent.AmountMinor,
            ["Currency"] = paymentEvent.Currency,
            ["Outcome"] = paymentEvent.Outcome.OutcomeName(),
            ["OccurredAt"] = paymentEvent.OccurredAt,
            ["ReceivedAt"] = receivedAt,
            ["ClaimedAt"] = receivedAt,
            ["State"] = PaymentEventState.Received.ToString(),
        };
        try
        {
            var added = await table.AddEntityAsync(entity, cancellationToken);
            return (true, new StoredPaymentEvent(paymentEvent, PaymentEventState.Received, receivedAt, receivedAt, null, added.Headers.ETag!.Value));
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.Conflict)
        {
            return (false, (await GetAsync(paymentEvent.EventId, cancellationToken))!);
        }
    }

    public async Task<StoredPaymentEvent?> GetAsync(string eventId, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(PaymentTables.PaymentEvents);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(eventId, "", cancellationToken: cancellationToken);
        if (!found.HasValue)
            return null;
        var entity = found.Value!;
        var paymentEvent = new PaymentEvent(eventId, entity.GetString("PaymentReference"), entity.GetInt64("AmountMinor")!.Value,
            entity.GetString("Currency"),
            entity.GetString("Outcome") == PaymentOutcome.Failed.OutcomeName() ? PaymentOutcome.Failed : PaymentOutcome.Succeeded,
            entity.GetDateTimeOffset("OccurredAt")!.Value);
        return new StoredPaymentEvent(paymentEvent, Enum.Parse<PaymentEventState>(entity.GetString("State")),
            entity.GetDateTimeOffset("ReceivedAt")!.Value, entity.GetDateTimeOffset("ClaimedAt")!.Value,
            entity.GetString("ApplicationId"), entity.ETag);
    }

    /// <summary>Takes over an event whose handler went quiet; false if another delivery took it over first.</summary>
    public async Task<bool> TryClaimAsync(StoredPaymentEvent stored, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(PaymentTables.PaymentEvents);
        try
        {
            await table.UpdateEntityAsync(new TableEntity(stored.Event.EventId, "") { ["ClaimedAt"] = now }, stored.ETag,
                TableUpdateMode.Merge, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.PreconditionFailed)
        {
            return false;
        }
    }

    /// <summary>Moves the event on; the steps before it are idempotent, so a repeated move is harmless.</summary>
    public async Task SetStateAsync(string eventId, PaymentEventState state, string? applicationId = null, string? reviewReason = null,
        CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(PaymentTables.PaymentEvents);
        var entity = new TableEntity(eventId, "") { ["State"] = state.ToString() };
        if (applicationId is not null)
            entity["ApplicationId"] = applicationId;
        if (reviewReason is not null)
            entity["ReviewReason"] = reviewReason;
        await table.UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Merge, cancellationToken);
    }
}
