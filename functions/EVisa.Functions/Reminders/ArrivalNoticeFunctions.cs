using EVisa.Core.Api.ArrivalNotices;
using EVisa.Core.Visas;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace EVisa.Functions.Reminders;

public sealed class ArrivalNoticeFunctions(OverdueArrivalNoticesHandler overdue, OverdueArrivalNoticeClosureHandler closure)
{
    // R13: overdue arrival notices surface to officers.
    [Function("ListOverdueArrivalNotices")]
    public Task<IActionResult> ListOverdue(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "arrival-notices/overdue")] HttpRequest request) =>
        overdue.HandleAsync(request);

    [Function("CloseOverdueArrivalNotice")]
    public Task<IActionResult> Close(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "arrival-notices/{visaNumber}/closure")] HttpRequest request,
        string visaNumber) =>
        closure.HandleAsync(request, visaNumber);
}
