using EVisa.Core.Identity;
using EVisa.Core.Reminders;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace EVisa.Core.Api.Applications;

/// <summary>
/// <c>GET /api/applications/stuck?pageSize=&amp;continuationToken=</c>, for officers: the applications left
/// in a status past the time their orchestration should have moved them on, a page at a time from the
/// <c>StuckApplications</c> table the reminder sweep fills.
/// </summary>
public sealed class StuckApplicationsHandler(RequestAuthorizer authorizer, StuckApplicationStore stuckApplications)
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
            var (items, next) = await stuckApplications.ListAsync(page.PageSize, page.StorageToken, request.HttpContext.RequestAborted);
            return new { Items = items, ContinuationToken = PageQuery.Next(next) };
        });
    }
}
