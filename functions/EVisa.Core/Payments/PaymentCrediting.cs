using EVisa.Core.Notifications;
using EVisa.Core.Reminders;
using EVisa.Core.Storage;
using EVisa.Core.Workflow;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EVisa.Core.Payments;

/// <summary>What became of a delivered event; the webhook handler turns it into the provider's answer.</summary>
public enum PaymentEventResult
{
    /// <summary>Credited to its request and raised to the application's orchestration.</summary>
    Credited,

    /// <summary>Not credited (or not deliverable), queued for an officer (R8).</summary>
    InReview,

    /// <summary>A failed payment, noted on its request.</summary>
    FailureRecorded,

    /// <summary>An event already handled: acknowledged, nothing changed.</summary>
    Duplicate,

    /// <summary>
    /// Another delivery of the same event is being handled right now and did not finish in time: not acknowledged, so
    /// the provider tries again shortly and is then answered as that delivery was.
    /// </summary>
    InProgress,
}

/// <summary>
/// Acts on a verified payment event exactly once (R8: never lose a payment, never credit one twice).
/// <list type="number">
/// <item>Record the event by id (conditional add) before acting: a second delivery of a handled event changes nothing.</item>
/// <item>For a success, one conditional update awaiting → paid(eventId) on the request; only its winner credits.</item>
/// <item>The winner raises <see cref="PaymentCredited"/> to the orchestration, then marks the event delivered.</item>
/// </list>
/// Every step is idempotent and the event record says how far it got, so a crash anywhere heals on the provider's
/// retry: a <c>received</c> event is resumed once its handler's lease ran out, a <c>credited</c> one is raised again.
/// Whatever cannot be credited goes to the review queue with its reason; nothing is refunded.
/// </summary>
public sealed class PaymentCrediting(
    PaymentEventStore events,
    PaymentRequestStore requests,
    PaymentReviewStore reviews,
    ApplicationStatusStore applications,
    DueReminderStore dueReminders,
    OutboxStore outbox,
    IOptions<ReminderOptions> reminderOptions,
    TimeProvider clock,
    ILogger<PaymentCrediting> logger)
{
    /// <summary>How long a handler owns an event it recorded before a later delivery may take the event over.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    /// <summary>How long a concurrent delivery of the same event waits for the first one to finish.</summary>
    private static readonly TimeSpan ConcurrentWait = TimeSpan.FromSeconds(10);

    // Deliberately no CancellationToken from the HTTP request: once an event is recorded, a client that hangs up must
    // not leave it half done (a retry would heal it, but there is no reason to make one necessary).
    public async Task<PaymentEventResult> HandleAsync(PaymentEvent paymentEvent, DurableTaskClient client)
    {
        var (isNew, stored) = await events.RecordAsync(paymentEvent, clock.GetUtcNow());
        if (!isNew)
        {
            var resumed = await ResumeOrAcknowledgeAsync(stored, client);
            if (resumed is { } result)
                return result;
            stored = (await events.GetAsync(paymentEvent.EventId))!;
        }

        return paymentEvent.Outcome == PaymentOutcome.Failed
            ? await RecordFailureAsync(stored)
            : await CreditAsync(stored, client);
    }

    /// <summary>A result for a repeated delivery, or null when this delivery took over an abandoned event and goes on.</summary>
    private async Task<PaymentEventResult?> ResumeOrAcknowledgeAsync(StoredPaymentEvent stored, DurableTaskClient client)
    {
        var waited = TimeSpan.Zero;
        while (true)
        {
            if (stored.IsFinal)
            {
                logger.LogInformation("Payment event {EventId} delivered again; already {State}, nothing changes",
                    stored.Event.EventId, stored.State);
                return PaymentEventResult.Duplicate;
            }

            if (clock.GetUtcNow() - stored.ClaimedAt > Lease)
            {
                // Its handler went quiet (crashed, or its raise failed): take it over, by ETag so only one delivery does.
                if (await events.TryClaimAsync(stored, clock.GetUtcNow()))
                {
                    if (stored.State != PaymentEventState.Credited)
                    {
                        logger.LogWarning("Payment event {EventId} was left unfinished; this delivery resumes it", stored.Event.EventId);
                        return null;
                    }

                    // Credited before the crash: the orchestration may not have heard of it yet.
                    logger.LogWarning("Payment event {EventId} was credited but not delivered to application {ApplicationId}; raising it again",
                        stored.Event.EventId, stored.ApplicationId);
                    return await DeliverAsync(stored, stored.ApplicationId!, client);
                }
            }
            else if (waited >= ConcurrentWait)
            {
                logger.LogInformation("Payment event {EventId} is still being handled by another delivery; this one is asked to retry",
                    stored.Event.EventId);
                return PaymentEventResult.InProgress;
            }

            // Another delivery of this event is at work right now: wait for it, then answer as it did.
            var pause = TimeSpan.FromMilliseconds(100);
            await Task.Delay(pause, clock);
            waited += pause;
            stored = (await events.GetAsync(stored.Event.EventId))!;
        }
    }

    private async Task<PaymentEventResult> CreditAsync(StoredPaymentEvent stored, DurableTaskClient client)
    {
        var paymentEvent = stored.Event;
        while (true)
        {
            var request = await requests.GetAsync(paymentEvent.PaymentReference);
            if (request is null)
                return await ReviewAsync(stored, null, PaymentReviewReasons.UnknownReference);

            var record = request.Record;
            var applicationId = record.Request.ApplicationId;
            if (record.State == PaymentRequestState.Paid && record.PaidByEventId == paymentEvent.EventId)
            {
                // This very event won before (a resumed delivery): carry on to the raise.
                break;
            }

            var refusal = paymentEvent.AmountMinor != record.Request.AmountMinor ? PaymentReviewReasons.AmountMismatch
                : paymentEvent.Currency != record.Request.Currency ? PaymentReviewReasons.CurrencyMismatch
                : record.State == PaymentRequestState.Paid ? PaymentReviewReasons.AlreadyPaid
                : record.State == PaymentRequestState.Closed ? PaymentReviewReasons.RequestClosed
                : null;
            if (refusal is not null)
                return await ReviewAsync(stored, applicationId, refusal);

            if (await requests.TryMarkPaidAsync(paymentEvent.PaymentReference, paymentEvent.EventId, paymentEvent.OccurredAt, request.ETag))
            {
                logger.LogInformation("Payment event {EventId} credited to {PaymentReference} of application {ApplicationId}",
                    paymentEvent.EventId, paymentEvent.PaymentReference, applicationId);
                break;
            }

            // Lost the conditional update (a concurrent payment, a close, a failure note): read again and decide anew.
        }

        var paidRequest = (await requests.GetAsync(paymentEvent.PaymentReference))!.Record.Request;
        await events.SetStateAsync(paymentEvent.EventId, PaymentEventState.Credited, paidRequest.ApplicationId);
        return await DeliverAsync(stored, paidRequest.ApplicationId, client);
    }

    /// <summary>
    /// R8: an officer credited a reviewed event to an application whose request it has just paid (the same conditional
    /// update as a webhook's credit): deliver it as a webhook's credit is delivered.
    /// </summary>
    public async Task<PaymentEventResult> DeliverReviewedCreditAsync(string eventId, string applicationId, DurableTaskClient client)
    {
        await events.SetStateAsync(eventId, PaymentEventState.Credited, applicationId);
        var stored = await events.GetAsync(eventId) ?? throw new InvalidOperationException($"Payment event {eventId} was never recorded.");
        return await DeliverAsync(stored, applicationId, client);
    }

    private async Task<PaymentEventResult> DeliverAsync(StoredPaymentEvent stored, string applicationId, DurableTaskClient client)
    {
        var paymentEvent = stored.Event;
        // An event raised to a missing or finished instance is silently dropped by the durable runtime: check first,
        // and queue such a credit for an officer instead of losing it (R8).
        var instance = await client.GetInstanceAsync(applicationId, getInputsAndOutputs: false);
        if (instance is { IsCompleted: true } && (await applications.GetAsync(applicationId))?.Status == ApplicationStatus.Issued)
        {
            // A delivery cut short after its raise: the orchestration heard this credit (the request is paid by it,
            // and only a credit issues) and finished. Nothing to review.
            await events.SetStateAsync(paymentEvent.EventId, PaymentEventState.Delivered, applicationId);
            logger.LogInformation("Payment event {EventId} had reached application {ApplicationId}, which is issued",
                paymentEvent.EventId, applicationId);
            return PaymentEventResult.Credited;
        }

        if (instance is null || instance.IsCompleted)
        {
            logger.LogWarning("Payment event {EventId} credited, but application {ApplicationId} has no waiting orchestration",
                paymentEvent.EventId, applicationId);
            return await ReviewAsync(stored, applicationId, PaymentReviewReasons.ApplicationNotWaiting);
        }

        // Once credited, the orchestration issues within seconds but records nothing until it has; an issue
        // that fails for good leaves the application awaiting payment, so look again a grace later, not only at the
        // payment timeout. Scheduled before the raise, so no crash between them loses the look.
        var creditedAt = clock.GetUtcNow();
        await dueReminders.AddAsync([new DueReminder(applicationId, "", ApplicationStatus.AwaitingPayment, DueReminder.StuckCheck,
            creditedAt + reminderOptions.Value.StuckGrace, creditedAt)]);
        await outbox.TryAddAsync(applicationId, NoticeTemplateIds.PaymentReceived, "", NoticeTemplateIds.PaymentReceived,
            new { applicationId, Fee = new { paymentEvent.AmountMinor, paymentEvent.Currency, paymentEvent.PaymentReference } },
            CancellationToken.None);
        await client.RaiseAsync(new PaymentCredited(applicationId, paymentEvent.EventId, paymentEvent.PaymentReference,
            paymentEvent.AmountMinor, paymentEvent.Currency, paymentEvent.OccurredAt));
        await events.SetStateAsync(paymentEvent.EventId, PaymentEventState.Delivered, applicationId);
        logger.LogInformation("Payment event {EventId} delivered to application {ApplicationId}", paymentEvent.EventId, applicationId);
        return PaymentEventResult.Credited;
    }

    private async Task<PaymentEventResult> ReviewAsync(StoredPaymentEvent stored, string? applicationId, string reason)
    {
        var paymentEvent = stored.Event;
        // The event's review may be there already (a resumed delivery, an officer's credit being made): it is kept as it is.
        var added = await reviews.AddAsync(new PaymentReview(paymentEvent.EventId, paymentEvent.PaymentReference, applicationId,
            paymentEvent.AmountMinor, paymentEvent.Currency, reason, paymentEvent.OccurredAt, stored.ReceivedAt));
        await events.SetStateAsync(paymentEvent.EventId, PaymentEventState.Reviewed, applicationId, reason);
        logger.LogWarning("Payment event {EventId} for {PaymentReference} (application {ApplicationId}) {Queued} for review: {Reason}",
            paymentEvent.EventId, paymentEvent.PaymentReference, applicationId, added ? "queued" : "already", reason);
        return PaymentEventResult.InReview;
    }

    /// <summary>
    /// A failed payment leaves the request awaiting (the applicant may pay again) and is noted on it, unless a newer
    /// failure is noted already: deliveries come in any order. It is noted on the application's row too, which is all
    /// the status page reads; a crash between the two notes is healed by the provider's retry, as both are idempotent.
    /// </summary>
    private async Task<PaymentEventResult> RecordFailureAsync(StoredPaymentEvent stored)
    {
        var paymentEvent = stored.Event;
        string? applicationId = null;
        var failure = new PaymentFailure(paymentEvent.EventId, paymentEvent.OccurredAt);
        while (true)
        {
            var request = await requests.GetAsync(paymentEvent.PaymentReference);
            if (request is null)
                break;
            applicationId = request.Record.Request.ApplicationId;
            var newer = request.Record.LastFailure is { } last && last.At > paymentEvent.OccurredAt;
            if (request.Record.State != PaymentRequestState.Awaiting || newer)
                break;
            if (await requests.TryRecordFailureAsync(paymentEvent.PaymentReference, failure, request.ETag))
            {
                // R5: the applicant sees the attempt failed and may pay again.
                await applications.RecordPaymentFailureAsync(applicationId, failure);
                break;
            }
        }

        await events.SetStateAsync(paymentEvent.EventId, PaymentEventState.FailureRecorded, applicationId);
        logger.LogInformation("Payment event {EventId}: payment failed for {PaymentReference} (application {ApplicationId})",
            paymentEvent.EventId, paymentEvent.PaymentReference, applicationId);
        return PaymentEventResult.FailureRecorded;
    }
}
