using EVisa.Core.Api;
using EVisa.Core.Api.ArrivalNotices;
using EVisa.Core.Identity;
using EVisa.Core.Reminders;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace EVisa.Core.Visas;

/// <summary>
/// <c>GET /api/arrival-notices/overdue?state=&amp;pageSize=&amp;continuationToken=</c>, for officers (R13): the visas whose
/// arrival notice was not filed by its deadline, a page at a time from the <c>OverdueArrivalNotices</c> index; open ones
/// (not yet closed by an officer) unless <c>state</c> is <c>closed</c> or <c>all</c>.
/// </summary>
public sealed class OverdueArrivalNoticesHandler(RequestAuthorizer authorizer, ArrivalNoticeReminders arrivalNotices)
{
    public async Task<IActionResult> HandleAsync(HttpRequest request)
    {
        var authorization = await authorizer.AuthorizeAsync(request, Role.Officer);
        if (authorization.Caller is null)
            return authorization.Denial!;
        var errors = new Dictionary<string, string[]>();
        var page = PageQuery.ReadStaff(request, errors);
        var state = Worklists.ReadState(request, errors);
        if (page is null || state is null)
            return Problems.Validation(errors);

        return await page.AnswerAsync(async () =>
        {
            var (items, next) = await arrivalNotices.OverdueAsync(page.PageSize, page.StorageToken, request.HttpContext.RequestAborted,
                state.Value);
            return new { Items = items.Select(OverdueArrivalNoticeClosureHandler.Item), ContinuationToken = PageQuery.Next(next) };
        });
    }
}
