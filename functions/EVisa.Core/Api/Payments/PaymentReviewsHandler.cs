using EVisa.Core.Payments;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace EVisa.Core.Api.Payments;

/// <summary>
/// <c>GET /api/payments/reviews?state=&amp;continuationToken=&amp;pageSize=</c>: the officers' queue of payments that were
/// not credited (R8), oldest first, a page at a time; open ones unless <c>state</c> is <c>resolved</c> or <c>all</c>.
/// </summary>
public sealed class PaymentReviewsHandler(PaymentReviewStore reviews)
{
    public Task<IActionResult> HandleAsync(HttpRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        var state = Worklists.ReadState(request, errors, "resolved");
        return PageQuery.AnswerAsync(request, async (page, cancellationToken) =>
        {
            var (items, next) = await reviews.ListAsync(page.StorageToken, page.PageSize, state!.Value, cancellationToken);
            return new { Items = items.Select(PaymentReviewResolutionHandler.Item), ContinuationToken = PageQuery.Next(next) };
        }, errors);
    }
}
