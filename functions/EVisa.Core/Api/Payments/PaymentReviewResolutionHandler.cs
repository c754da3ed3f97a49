using EVisa.Core.Identity;
using EVisa.Core.Payments;
using EVisa.Core.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;

namespace EVisa.Core.Api.Payments;

/// <summary>
/// <c>POST /api/payments/reviews/{reviewId}/resolution</c>, for officers (R8):
/// <c>{"outcome":"credited"|"returned"|"dismissed","applicationId":"..." (credited only),"note":"..."}</c> → 200 the
/// review with its resolution; 409 <c>review-already-resolved</c>; 422 when the payment cannot pay that application.
/// </summary>
public sealed class PaymentReviewResolutionHandler(PaymentReviewResolver resolver, TimeProvider clock)
{
    // R8
    public async Task<IActionResult> HandleAsync(HttpRequest request, string reviewId, DurableTaskClient client)
    {
        var caller = request.HttpContext.GetCaller();
        var (closing, problem) = await Worklists.ReadClosingAsync(request, PaymentReviewResolver.Outcomes, PaymentReviewResolver.Credited);
        if (closing is null)
            return problem!;

        var resolution = new Closure(closing.Outcome, closing.Note, caller.Subject, clock.GetUtcNow(), closing.ApplicationId);
        var result = await resolver.ResolveAsync(reviewId, resolution, client, request.HttpContext.RequestAborted);
        return result.Outcome switch
        {
            ReviewResolutionOutcome.Resolved => new OkObjectResult(Item(result.Review!)),
            ReviewResolutionOutcome.NotFound => Problems.NotFound("payment review"),
            ReviewResolutionOutcome.AlreadyResolved => Problems.Create(StatusCodes.Status409Conflict, "review-already-resolved",
                "The payment review was resolved already; a resolution is final.",
                extensions: new Dictionary<string, object?> { ["resolution"] = Resolution(result.Review?.Resolution) }),
            var cannot => Problems.Create(StatusCodes.Status422UnprocessableEntity, cannot switch
            {
                ReviewResolutionOutcome.ApplicationAlreadyPaid => "application-already-paid",
                ReviewResolutionOutcome.AmountMismatch => "amount-mismatch",
                ReviewResolutionOutcome.ApplicationNotWaiting => "application-not-waiting",
                _ => "application-not-awaiting-payment",
            }, "The payment cannot be credited to that application."),
        };
    }

    /// <summary>An item of <c>GET /api/payments/reviews</c>: the review, its stable id and its resolution (null while open).</summary>
    public static object Item(PaymentReview r) => new
    {
        r.Id,
        r.EventId,
        r.PaymentReference,
        r.ApplicationId,
        r.AmountMinor,
        r.Currency,
        r.Reason,
        r.OccurredAt,
        r.ReceivedAt,
        Resolution = Resolution(r.Resolution),
    };

    private static object? Resolution(Closure? c) =>
        c is null ? null : new { c.Outcome, c.ApplicationId, c.Note, c.By, c.At };
}
