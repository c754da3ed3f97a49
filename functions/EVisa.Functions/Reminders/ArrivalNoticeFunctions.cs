using EVisa.Core.Api.ArrivalNotices;
using EVisa.Core.Audit;
using EVisa.Core.Identity;
using EVisa.Core.Visas;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace EVisa.Functions.Reminders;

public sealed class ArrivalNoticeFunctions(OverdueArrivalNoticesHandler overdue, OverdueArrivalNoticeClosureHandler closure)
{
    // R13: overdue arrival notices surface to officers.
    [Function("ListOverdueArrivalNotices")]
    [RequiresRole(Role.Officer)]
    public Task<IActionResult> ListOverdue(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "arrival-notices/overdue")] HttpRequest request) =>
        overdue.HandleAsync(request);

    [Function("CloseOverdueArrivalNotice")]
    [RequiresRole(Role.Officer)]
    [Audited("arrival-notice", "visaNumber")]
    public Task<IActionResult> Close(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "arrival-notices/{visaNumber}/closure")] HttpRequest request,
        string visaNumber) =>
        closure.HandleAsync(request, visaNumber);
}
