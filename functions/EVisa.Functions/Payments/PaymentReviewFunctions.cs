using EVisa.Core.Api.Payments;
using EVisa.Core.Audit;
using EVisa.Core.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace EVisa.Functions.Payments;

public sealed class PaymentReviewFunctions(PaymentReviewsHandler reviews, PaymentReviewResolutionHandler resolution)
{
    // R8: the officers' queue of payments that were not credited.
    [Function("ListPaymentReviews")]
    [RequiresRole(Role.Officer)]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "payments/reviews")] HttpRequest request) =>
        reviews.HandleAsync(request);

    // R8: credited to an application, returned by the provider, or dismissed; final.
    [Function("ResolvePaymentReview")]
    [RequiresRole(Role.Officer)]
    [Audited("payment-review", "reviewId")]
    public Task<IActionResult> Resolve(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "payments/reviews/{reviewId}/resolution")] HttpRequest request,
        string reviewId,
        [DurableClient] DurableTaskClient client) =>
        resolution.HandleAsync(request, reviewId, client);
}
