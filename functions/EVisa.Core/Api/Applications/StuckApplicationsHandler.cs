using EVisa.Core.Reminders;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace EVisa.Core.Api.Applications;

/// <summary>
/// <c>GET /api/applications/stuck?pageSize=&amp;continuationToken=</c>, for officers: the applications left
/// in a status past the time their orchestration should have moved them on, a page at a time from the
/// <c>StuckApplications</c> table the reminder sweep fills; open ones (not closed by an officer) unless <c>state</c> is
/// <c>closed</c> or <c>all</c>.
/// </summary>
public sealed class StuckApplicationsHandler(StuckApplicationStore stuckApplications)
{
    public Task<IActionResult> HandleAsync(HttpRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        var state = Worklists.ReadState(request, errors);
        return PageQuery.AnswerAsync(request, async (page, cancellationToken) =>
        {
            var (items, next) = await stuckApplications.ListAsync(page.PageSize, page.StorageToken, state!.Value, cancellationToken);
            return new { Items = items, ContinuationToken = PageQuery.Next(next) };
        }, errors);
    }
}
