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
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public async Task<IActionResult> HandleAsync(HttpRequest request)
    {
        var authorization = await authorizer.AuthorizeAsync(request, Role.Officer);
        if (authorization.Caller is null)
            return authorization.Denial!;

        var pageSize = DefaultPageSize;
        var pageSizeText = request.Query["pageSize"].ToString();
        if (pageSizeText.Length > 0 && (!int.TryParse(pageSizeText, out pageSize) || pageSize is < 1 or > MaxPageSize))
            return Problems.Validation(new Dictionary<string, string[]> { ["pageSize"] = [$"A whole number from 1 to {MaxPageSize}."] });

        try
        {
            var page = await reviews.ListAsync(request.Query["continuationToken"].ToString(), pageSize, request.HttpContext.RequestAborted);
            return new OkObjectResult(page);
        }
        catch (FormatException)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["continuationToken"] = ["Not a token this API gave out."] });
        }
    }
}
