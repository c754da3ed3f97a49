using EVisa.Core.Api.Payments;
using EVisa.Core.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace EVisa.Functions.Payments;

public sealed class PaymentReviewFunctions(PaymentReviewsHandler reviews)
{
    // R8: the officers' queue of payments that were not credited.
    [Function("ListPaymentReviews")]
    [RequiresRole(Role.Officer)]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "payments/reviews")] HttpRequest request) =>
        reviews.HandleAsync(request);
}
