using EVisa.Core.Reminders;
using EVisa.Core.Visas;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace EVisa.Core.Api.ArrivalNotices;

/// <summary>
/// <c>GET /api/arrival-notices/overdue?state=&amp;pageSize=&amp;continuationToken=</c>, for officers (R13): the visas whose
/// arrival notice was not filed by its deadline, a page at a time from the <c>OverdueArrivalNotices</c> index; open ones
/// (not yet closed by an officer) unless <c>state</c> is <c>closed</c> or <c>all</c>. Each item says whether the notice
/// was filed late since, and where the guest stays, read from its visa (one point read per item, at most a page).
/// </summary>
public sealed class OverdueArrivalNoticesHandler(ArrivalNoticeReminders arrivalNotices, VisaStore visas)
{
    public Task<IActionResult> HandleAsync(HttpRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        var state = Worklists.ReadState(request, errors);
        return PageQuery.AnswerAsync(request, async (page, cancellationToken) =>
        {
            var (items, next) = await arrivalNotices.OverdueAsync(page.PageSize, page.StorageToken, state!.Value, cancellationToken);
            var listed = await Task.WhenAll(items.Select(async row =>
                OverdueArrivalNoticeClosureHandler.Item(row, await OverdueArrivalNoticeClosureHandler.NoticeAsync(visas, row, cancellationToken))));
            return new { Items = listed, ContinuationToken = PageQuery.Next(next) };
        }, errors);
    }
}

