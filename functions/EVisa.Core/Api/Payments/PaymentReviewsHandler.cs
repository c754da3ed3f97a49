using EVisa.Core.Payments;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace EVisa.Core.Api.Payments;

/// <summary>
/// <c>GET /api/payments/reviews?continuationToken=&amp;pageSize=</c>: the officers' queue of payments that were not
/// credited (R8), oldest first, a page at a time.
/// </summary>
public sealed class PaymentReviewsHandler(PaymentReviewStore reviews)
{
    public Task<IActionResult> HandleAsync(HttpRequest request) =>
        PageQuery.AnswerAsync(request, async (page, cancellationToken) =>
        {
            var (items, next) = await reviews.ListAsync(page.StorageToken, page.PageSize, cancellationToken);
            return new PaymentReviewPage(items, PageQuery.Next(next));
        });
}
