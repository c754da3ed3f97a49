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
/// orchestration. The resolution is written first (the claim, by ETag); a credit that then loses its race opens the
/// review again and says why.
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
        var (review, open) = await reviews.FindAsync(reviewId, cancellationToken);
        if (review is null)
            return new ReviewResolution(ReviewResolutionOutcome.NotFound);
        if (open is null)
            return new ReviewResolution(ReviewResolutionOutcome.AlreadyResolved, review);

        StoredPaymentRequest? request = null;
        if (resolution.Outcome == Credited)
        {
            var applicationId = resolution.ApplicationId!;
            request = TableKeys.IsValid(applicationId)
                ? await requests.GetAsync(PaymentRequestStore.ReferenceFor(applicationId), cancellationToken)
                : null;
            var refusal = Refusal(review, applicationId, request);
            if (refusal is null && await client.GetInstanceAsync(applicationId, getInputsAndOutputs: false, cancellationToken) is not { IsCompleted: false })
                refusal = ReviewResolutionOutcome.ApplicationNotWaiting;
            if (refusal is { } cannot)
                return new ReviewResolution(cannot, review);
        }

        var resolved = await reviews.TryResolveAsync(open, resolution, cancellationToken);
        if (resolved is null)
            return new ReviewResolution(ReviewResolutionOutcome.AlreadyResolved, (await reviews.FindAsync(reviewId, cancellationToken)).Review);
        if (request is not null)
        {
            var applicationId = resolution.ApplicationId!;
            if (!await requests.TryMarkPaidAsync(request.Record.Request.PaymentReference, review.EventId, review.OccurredAt, request.ETag,
                cancellationToken))
            {
                // Paid, closed or noted since it was read: the resolution did not happen.
                await reviews.ReopenAsync(open, cancellationToken);
                var now = await requests.GetAsync(request.Record.Request.PaymentReference, cancellationToken);
                return new ReviewResolution(Refusal(review, applicationId, now) ?? ReviewResolutionOutcome.ApplicationNotAwaitingPayment, review);
            }

            logger.LogInformation("Payment event {EventId} in review {ReviewId} credited to application {ApplicationId} by an officer",
                review.EventId, reviewId, applicationId);
            await crediting.DeliverReviewedCreditAsync(review.EventId, applicationId, client);
        }
        else
        {
            logger.LogInformation("Payment review {ReviewId} resolved as {Outcome}", reviewId, resolution.Outcome);
        }

        return new ReviewResolution(ReviewResolutionOutcome.Resolved, resolved);
    }

    /// <summary>Why the review's payment cannot pay this application's request; null when it can.</summary>
    private static ReviewResolutionOutcome? Refusal(PaymentReview review, string applicationId, StoredPaymentRequest? request) =>
        request?.Record is not { } record || record.Request.ApplicationId != applicationId ? ReviewResolutionOutcome.ApplicationNotAwaitingPayment
        : record.State == PaymentRequestState.Paid ? ReviewResolutionOutcome.ApplicationAlreadyPaid
        : record.State != PaymentRequestState.Awaiting ? ReviewResolutionOutcome.ApplicationNotAwaitingPayment
        : record.Request.AmountMinor != review.AmountMinor || record.Request.Currency != review.Currency ? ReviewResolutionOutcome.AmountMismatch
        : null;
}
