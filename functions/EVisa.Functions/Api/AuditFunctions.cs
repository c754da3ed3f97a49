using EVisa.Core.Api.Audit;
using EVisa.Core.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace EVisa.Functions.Api;

public sealed class AuditFunctions(AuditTrailHandler handler)
{
    [Function("ListAuditTrail")]
    [RequiresRole(Role.Officer)]
    public Task<IActionResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "audit")] HttpRequest request) =>
        handler.HandleAsync(request);
}
