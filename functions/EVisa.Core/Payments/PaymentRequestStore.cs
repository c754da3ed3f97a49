using System.Net;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using EVisa.Core.Rules;
using EVisa.Core.Storage;
using Microsoft.Extensions.Logging;

namespace EVisa.Core.Payments;

/// <summary>A payment request with the ETag it was read at, for the one conditional update that settles it.</summary>
public sealed record StoredPaymentRequest(PaymentRequestRecord Record, ETag ETag);

/// <summary>
/// The <c>PaymentRequests</c> table (R5: the fee is asked once per application; R8: once paid it is never undone).
/// A request leaves <c>awaiting</c> exactly once, by a conditional update (ETag): to <c>paid</c> by the webhook or
/// to <c>closed</c> by the orchestration, whichever comes first; the loser sees the winner's state.
/// </summary>
public sealed class PaymentRequestStore(StorageTables tables, FeeSchedule fees, TimeProvider clock, ILogger<PaymentRequestStore> logger)
{
    private const string ReferencePrefix = "PAY-";

    /// <summary>
    /// The payment reference of an application: derived from its id, so a retried activity finds the request it
    /// made before (no by-application index is needed), and opaque, so the id is not echoed to the provider.
    /// 80 bits of SHA-256 make a collision between two applications practically impossible; one is still refused.
    /// </summary>
    public static string ReferenceFor(string applicationId)
    {
        ArgumentException.ThrowIfNullOrEmpty(applicationId);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(applicationId));
        return ReferencePrefix + Convert.ToHexString(hash, 0, 10);
    }

    /// <summary>The <c>RequestPayment</c> activity: records the request in state awaiting, or returns the one recorded before.</summary>
    public async Task<PaymentRequest> RequestAsync(PaymentRequestInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!ApiNames.TryParse<VisaCategory>(input.Category, out var category))
            throw new ArgumentException($"Unknown visa category '{input.Category}'.", nameof(input));
        if (!CountryCode.TryParse(input.Nationality, out var nationality))
            throw new ArgumentException($"Unknown nationality '{input.Nationality}'.", nameof(input));

        var fee = fees.FeeFor(category, nationality.Value);
        var request = new PaymentRequest(input.ApplicationId, ReferenceFor(input.ApplicationId), fee.AmountMinor, fee.Currency);
        var table = await tables.GetAsync(PaymentTables.PaymentRequests);
        try
        {
            await table.AddEntityAsync(new TableEntity(request.PaymentReference, "")
            {
                ["ApplicationId"] = request.ApplicationId,
                ["AmountMinor"] = request.AmountMinor,
                ["Currency"] = request.Currency,
                ["State"] = PaymentRequestState.Awaiting.ToApiName(),
                ["CreatedAt"] = clock.GetUtcNow(),
            }, cancellationToken);
            logger.LogInformation("Payment {PaymentReference} requested for application {ApplicationId}: {Fee}",
                request.PaymentReference, request.ApplicationId, fee);
            return request;
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.Conflict)
        {
            // A retried activity: the request made the first time stands, with the fee asked then, even if the
            // fee table changed since (the applicant may already be paying that amount).
            var existing = await GetAsync(request.PaymentReference, cancellationToken)
                ?? throw new InvalidOperationException($"Payment request {request.PaymentReference} vanished.");
            if (existing.Record.Request.ApplicationId != input.ApplicationId)
                throw new InvalidOperationException($"Payment reference {request.PaymentReference} belongs to another application.");
            return existing.Record.Request;
        }
    }

    /// <summary>
    /// The <c>ClosePaymentRequest</c> activity: awaiting → closed(reason), conditionally, so a payment credited at the
    /// same moment wins or loses cleanly: if it won, the answer is <see cref="PaymentRequestClosing.AlreadyPaid"/>.
    /// </summary>
    public async Task<PaymentRequestClosing> CloseAsync(ClosePaymentRequestInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var table = await tables.GetAsync(PaymentTables.PaymentRequests);
        while (true)
        {
            var stored = await GetAsync(input.PaymentReference, cancellationToken);
            if (stored is null)
            {
                // Nothing was asked, so nothing can be paid against it; a late payment still lands in review as unknown.
                logger.LogWarning("Close of unknown payment {PaymentReference} for application {ApplicationId}",
                    input.PaymentReference, input.ApplicationId);
                return PaymentRequestClosing.Closed;
            }

            switch (stored.Record.State)
            {
                case PaymentRequestState.Paid:
                    return PaymentRequestClosing.AlreadyPaid;
                case PaymentRequestState.Closed:
                    return PaymentRequestClosing.Closed;
            }

            try
            {
                await table.UpdateEntityAsync(new TableEntity(input.PaymentReference, "")
                {
                    ["State"] = PaymentRequestState.Closed.ToApiName(),
                    ["ClosedReason"] = input.Reason,
                    ["ClosedAt"] = clock.GetUtcNow(),
                }, stored.ETag, TableUpdateMode.Merge, cancellationToken);
                logger.LogInformation("Payment {PaymentReference} for application {ApplicationId} closed: {Reason}",
                    input.PaymentReference, input.ApplicationId, input.Reason);
                return PaymentRequestClosing.Closed;
            }
            catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.PreconditionFailed)
            {
                // Someone (a payment, or a failure being recorded) changed it since we read it: read again.
            }
        }
    }

    /// <summary>
    /// The application's payment request, or null before one was asked: where it stands, which event paid it and
    /// <see cref="PaymentRequestRecord.OutstandingFailure"/>, the last failed attempt while it still awaits payment
    /// (the status page reads the copy on the application's row). One point read: the reference is derived from the id.
    /// </summary>
    public async Task<PaymentRequestRecord?> GetByApplicationAsync(string applicationId, CancellationToken cancellationToken = default)
    {
        var stored = await GetAsync(ReferenceFor(applicationId), cancellationToken);
        return stored is not null && stored.Record.Request.ApplicationId == applicationId ? stored.Record : null;
    }

    public async Task<StoredPaymentRequest?> GetAsync(string paymentReference, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(PaymentTables.PaymentRequests);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(paymentReference, "", cancellationToken: cancellationToken);
        if (!found.HasValue)
            return null;
        var entity = found.Value!;
        var failureId = entity.GetString("LastFailureEventId");
        var record = new PaymentRequestRecord(
            new PaymentRequest(entity.GetString("ApplicationId"), paymentReference, entity.GetInt64("AmountMinor")!.Value,
                entity.GetString("Currency")),
            ApiNames.Parse<PaymentRequestState>(entity.GetString("State")),
            entity.GetString("PaidByEventId"),
            entity.GetString("ClosedReason"),
            failureId is null ? null : new PaymentFailure(failureId, entity.GetDateTimeOffset("LastFailureAt")!.Value));
        return new StoredPaymentRequest(record, entity.ETag);
    }

    /// <summary>awaiting → paid(eventId), only if nothing changed since <paramref name="etag"/>; false when it lost.</summary>
    public async Task<bool> TryMarkPaidAsync(string paymentReference, string eventId, DateTimeOffset paidAt, ETag etag,
        CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(PaymentTables.PaymentRequests);
        try
        {
            await table.UpdateEntityAsync(new TableEntity(paymentReference, "")
            {
                ["State"] = PaymentRequestState.Paid.ToApiName(),
                ["PaidByEventId"] = eventId,
                ["PaidAt"] = paidAt,
            }, etag, TableUpdateMode.Merge, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.PreconditionFailed)
        {
            return false;
        }
    }

    /// <summary>Records a failed attempt on an awaiting request (only if nothing changed since <paramref name="etag"/>).</summary>
    public async Task<bool> TryRecordFailureAsync(string paymentReference, PaymentFailure failure, ETag etag,
        CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(PaymentTables.PaymentRequests);
        try
        {
            await table.UpdateEntityAsync(new TableEntity(paymentReference, "")
            {
                ["LastFailureEventId"] = failure.EventId,
                ["LastFailureAt"] = failure.At,
            }, etag, TableUpdateMode.Merge, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.PreconditionFailed)
        {
            return false;
        }
    }
}
