using Azure.Data.Tables;
using EVisa.Core.Identity;
using EVisa.Core.Reminders;
using EVisa.Core.Storage;
using EVisa.Core.Visas;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace EVisa.Core.Api.ArrivalNotices;

/// <summary>
/// <c>POST /api/arrival-notices/{visaNumber}/closure</c>, for officers (R13): an overdue arrival notice closed as
/// <c>filed-late</c> or <c>referred</c>, with a note, once; the overdue list then shows only what still needs a person.
/// </summary>
public sealed class OverdueArrivalNoticeClosureHandler(ArrivalNoticeReminders arrivalNotices, VisaStore visas, TimeProvider clock)
{
    public static readonly IReadOnlyList<string> Outcomes = ["filed-late", "referred"];

    // R13
    public async Task<IActionResult> HandleAsync(HttpRequest request, string visaNumber)
    {
        var caller = request.HttpContext.GetCaller();
        var (closing, problem) = await Worklists.ReadClosingAsync(request, Outcomes);
        if (closing is null)
            return problem!;

        var (result, row) = await arrivalNotices.CloseOverdueAsync(visaNumber,
            new Closure(closing.Outcome, closing.Note, caller.Subject, clock.GetUtcNow()), request.HttpContext.RequestAborted);
        return result switch
        {
            ClosingResult.NotFound => Problems.Create(StatusCodes.Status404NotFound, "not-overdue", "No overdue arrival notice for this visa."),
            ClosingResult.AlreadyClosed => Worklists.AlreadyClosed("overdue arrival notice"),
            _ => new OkObjectResult(Item(row!, await NoticeAsync(visas, row!, request.HttpContext.RequestAborted))),
        };
    }

    /// <summary>
    /// An item of <c>GET /api/arrival-notices/overdue</c>, with its closure (null while open) and, once the notice was
    /// filed late, when and the place of stay filed (null until then).
    /// </summary>
    public static object Item(TableEntity e, ArrivalNoticeState? notice) => new
    {
        VisaNumber = ClosableRows.ItemKey(e.RowKey),
        ApplicationId = e.GetString("ApplicationId"),
        InviterId = e.GetString("InviterId"),
        Deadline = e.GetDateTimeOffset("Deadline"),
        MarkedAt = e.GetDateTimeOffset("MarkedAt"),
        Closure = Closure.Of(e),
        FiledAt = notice?.FiledAt,
        PlaceOfStay = notice?.FiledAt is null ? null : notice.PlaceOfStay,
    };

    /// <summary>The arrival notice of the item's visa as it stands now.</summary>
    public static async Task<ArrivalNoticeState?> NoticeAsync(VisaStore visas, TableEntity e, CancellationToken cancellationToken) =>
        (await visas.GetAsync(ClosableRows.ItemKey(e.RowKey), cancellationToken))?.ArrivalNotice;
}
