using EVisa.Core.Reminders;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace EVisa.Core.Api.ArrivalNotices;

/// <summary>
/// <c>GET /api/arrival-notices/overdue?pageSize=&amp;continuationToken=</c>, for officers (R13): the visas whose
/// arrival notice was not filed by its deadline, a page at a time from the <c>OverdueArrivalNotices</c> index.
/// </summary>
public sealed class OverdueArrivalNoticesHandler(ArrivalNoticeReminders arrivalNotices)
{
    public Task<IActionResult> HandleAsync(HttpRequest request) =>
        PageQuery.AnswerAsync(request, async (page, cancellationToken) =>
        {
            var (items, next) = await arrivalNotices.OverdueAsync(page.PageSize, page.StorageToken, cancellationToken);
            return new
            {
                Items = items.Select(e => new
                {
                    VisaNumber = e.RowKey,
                    ApplicationId = e.GetString("ApplicationId"),
                    InviterId = e.GetString("InviterId"),
                    Deadline = e.GetDateTimeOffset("Deadline"),
                    MarkedAt = e.GetDateTimeOffset("MarkedAt"),
                }),
                ContinuationToken = PageQuery.Next(next),
            };
        });
}
