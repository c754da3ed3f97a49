using Azure.Data.Tables;
using EVisa.Core.Storage;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace EVisa.Core.Payments;

/// <summary>How an officer's resolution of a payment review went.</summary>
public enum ReviewResolutionOutcome
{
    Resolved,
    NotFound,

    /// <summary>Resolved before, or by a concurrent resolution that won: a resolution is final.</summary>
    AlreadyResolved,

    /// <summary>The application has no payment request awaiting payment (none yet, closed, or no such application).</summary>
    ApplicationNotAwaitingPayment,

    /// <summary>The application's fee is paid already (R8: credited once).</summary>
    ApplicationAlreadyPaid,

    /// <summary>The payment's amount or currency is not the application's fee.</summary>
    AmountMismatch,

    /// <summary>The application's orchestration is gone or finished: nothing would issue the visa.</summary>
    ApplicationNotWaiting,
}

public sealed record ReviewResolution(ReviewResolutionOutcome Outcome, PaymentReview? Review = null);

/// <summary>
/// R8: an officer resolves a payment kept for review, finally: <c>credited</c> to an application that can take it,
/// <c>returned</c> (the provider returned it to the payer), or <c>dismissed</c>, each with a note, who and when.
/// Crediting goes the webhook's way: one conditional update awaiting → paid(event id) on the application's request, so
/// a fee is credited once however many payments or officers race for it, then the credit is delivered to the
/// orchestration, and only then is the review closed as credited. So that no review is ever marked credited without
/// its credit, nor a concurrent resolution slips in while the credit is made, the credit is first claimed on the open
/// review (by ETag); a crash anywhere after the claim leaves it there, and the next attempt to resolve the review
/// finishes that credit before anything else (a request paid by this very event counts as paid, so it is paid once).
/// A credit made that the application's orchestration can no longer hear (it ended meanwhile) keeps the review open,
/// in place, for that application and reason.
/// </summary>
public sealed class PaymentReviewResolver(
    PaymentReviewStore reviews,
    PaymentRequestStore requests,
    PaymentCrediting crediting,
    ILogger<PaymentReviewResolver> logger)
{
    public const string Credited = "credited";
    public static readonly IReadOnlyList<string> Outcomes = [Credited, "returned", "dismissed"];

    public async Task<ReviewResolution> ResolveAsync(string reviewId, Closure resolution, DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        // Each pass reads the review afresh; another pass is needed only when a claim was released or lost to a race.
        for (var pass = 0; ; pass++)
        {
            var (review, open) = await reviews.FindAsync(reviewId, cancellationToken);
            if (review is null)
                return new ReviewResolution(ReviewResolutionOutcome.NotFound);
            if (open is null || pass == 3)
                return new ReviewResolution(ReviewResolutionOutcome.AlreadyResolved, review);

            if (PaymentReviewStore.ClaimedCredit(open) is { } claimed)
            {
                logger.LogWarning("Payment review {ReviewId} carries a credit to application {ApplicationId} that was not finished; finishing it",
                    reviewId, claimed.ApplicationId);
                var finished = await CreditAsync(review, open, claimed, client, cancellationToken);
                if (finished.Outcome == ReviewResolutionOutcome.Resolved)
                {
                    var same = resolution.Outcome == Credited && resolution.ApplicationId == claimed.ApplicationId;
                    return same ? finished : new ReviewResolution(ReviewResolutionOutcome.AlreadyResolved, finished.Review);
                }

                // Credited but not heard: the review is open again for that reason, which whoever asked should see first.
                if (finished.Outcome == ReviewResolutionOutcome.ApplicationNotWaiting)
                    return finished;
                continue;
            }

            if (resolution.Outcome != Credited)
            {
                var resolved = await reviews.TryResolveAsync(open, resolution, cancellationToken);
                if (resolved is null)
                    continue;
                logger.LogInformation("Payment review {ReviewId} resolved as {Outcome}", reviewId, resolution.Outcome);
                return new ReviewResolution(ReviewResolutionOutcome.Resolved, resolved);
            }

            var applicationId = resolution.ApplicationId!;
            var request = TableKeys.IsValid(applicationId)
                ? await requests.GetAsync(PaymentRequestStore.ReferenceFor(applicationId), cancellationToken)
                : null;
            var refusal = Refusal(review, applicationId, request);
            if (refusal is null && await client.GetInstanceAsync(applicationId, getInputsAndOutputs: false, cancellationToken) is not { IsCompleted: false })
                refusal = ReviewResolutionOutcome.ApplicationNotWaiting;
            if (refusal is { } cannot)
                return new ReviewResolution(cannot, review);

            if (await reviews.TryClaimCreditAsync(open, resolution, cancellationToken) is { } claim)
                return await CreditAsync(review, claim, resolution, client, cancellationToken);
        }
    }

    /// <summary>
    /// Makes the credit claimed on the open review: pays the application's request by the review's event (unless this
    /// event paid it already, in an attempt cut short), delivers the credit, then closes the review. A credit that can no
    /// longer be made releases its claim and says why.
    /// </summary>
    private async Task<ReviewResolution> CreditAsync(PaymentReview review, TableEntity claim, Closure credit, DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        var applicationId = credit.ApplicationId!;
        var reference = PaymentRequestStore.ReferenceFor(applicationId);
        var request = await requests.GetAsync(reference, cancellationToken);
        if (!PaidBy(request, review))
        {
            var refusal = Refusal(review, applicationId, request);
            if (refusal is null && !await requests.TryMarkPaidAsync(reference, review.EventId, review.OccurredAt, request!.ETag, cancellationToken))
            {
                // Paid, closed or noted since it was read.
                request = await requests.GetAsync(reference, cancellationToken);
                refusal = PaidBy(request, review) ? null : Refusal(review, applicationId, request) ?? ReviewResolutionOutcome.ApplicationNotAwaitingPayment;
            }

            if (refusal is { } cannot)
            {
                await reviews.ReleaseCreditClaimAsync(claim, cancellationToken);
                return new ReviewResolution(cannot, review);
            }
        }

        logger.LogInformation("Payment event {EventId} in review {ReviewId} credited to application {ApplicationId} by an officer",
            review.EventId, review.Id, applicationId);
        if (await crediting.DeliverReviewedCreditAsync(review.EventId, applicationId, client) == PaymentEventResult.InReview)
        {
            // R8: credited, but no orchestration heard it (it ended meanwhile): the review stays open for that, not resolved.
            var requeued = await reviews.TryRequeueAsync(claim, applicationId, PaymentReviewReasons.ApplicationNotWaiting, cancellationToken);
            return new ReviewResolution(ReviewResolutionOutcome.ApplicationNotWaiting,
                requeued ?? (await reviews.FindAsync(review.Id!, cancellationToken)).Review);
        }

        var resolved = await reviews.TryResolveAsync(claim, credit, cancellationToken);
        // Null only when a concurrent attempt finished this same claim first: the credit was made once either way.
        return resolved is null
            ? new ReviewResolution(ReviewResolutionOutcome.AlreadyResolved, (await reviews.FindAsync(review.Id!, cancellationToken)).Review)
            : new ReviewResolution(ReviewResolutionOutcome.Resolved, resolved);
    }

    private static bool PaidBy(StoredPaymentRequest? request, PaymentReview review) =>
        request?.Record is { State: PaymentRequestState.Paid } record && record.PaidByEventId == review.EventId;

    /// <summary>Why the review's payment cannot pay this application's request; null when it can.</summary>
    private static ReviewResolutionOutcome? Refusal(PaymentReview review, string applicationId, StoredPaymentRequest? request) =>
        request?.Record is not { } record || record.Request.ApplicationId != applicationId ? ReviewResolutionOutcome.ApplicationNotAwaitingPayment
        : record.State == PaymentRequestState.Paid ? ReviewResolutionOutcome.ApplicationAlreadyPaid
        : record.State != PaymentRequestState.Awaiting ? ReviewResolutionOutcome.ApplicationNotAwaitingPayment
        : record.Request.AmountMinor != review.AmountMinor || record.Request.Currency != review.Currency ? ReviewResolutionOutcome.AmountMismatch
        : null;
}
