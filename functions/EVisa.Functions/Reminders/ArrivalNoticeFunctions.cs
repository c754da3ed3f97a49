using EVisa.Core.Api.ArrivalNotices;
using EVisa.Core.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace EVisa.Functions.Reminders;

public sealed class ArrivalNoticeFunctions(OverdueArrivalNoticesHandler overdue)
{
    // R13: overdue arrival notices surface to officers.
    [Function("ListOverdueArrivalNotices")]
    [RequiresRole(Role.Officer)]
    public Task<IActionResult> ListOverdue(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "arrival-notices/overdue")] HttpRequest request) =>
        overdue.HandleAsync(request);
}
