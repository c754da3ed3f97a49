using EVisa.Core.Identity;
using EVisa.Core.Payments;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace EVisa.Core.Api.Payments;

/// <summary>
/// <c>GET /api/payments/reviews?continuationToken=&amp;pageSize=</c>: the officers' queue of payments that were not
/// credited (R8), oldest first, a page at a time.
/// </summary>
public sealed class PaymentReviewsHandler(RequestAuthorizer authorizer, PaymentReviewStore reviews)
{
    public async Task<IActionResult> HandleAsync(HttpRequest request)
    {
        var authorization = await authorizer.AuthorizeAsync(request, Role.Officer);
        if (authorization.Caller is null)
            return authorization.Denial!;

        var errors = new Dictionary<string, string[]>();
        if (PageQuery.Read(request, errors) is not { } page)
            return Problems.Validation(errors);

        return await page.AnswerAsync(async () =>
        {
            var (items, next) = await reviews.ListAsync(page.StorageToken, page.PageSize, request.HttpContext.RequestAborted);
            return new PaymentReviewPage(items, PageQuery.Next(next));
        });
    }
}
