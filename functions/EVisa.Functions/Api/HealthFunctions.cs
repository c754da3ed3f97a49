using EVisa.Core.Api.Health;
using EVisa.Core.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace EVisa.Functions.Api;

public sealed class HealthFunctions(HealthHandler handler)
{
    [Function("GetHealth")]
    [PublicRoute]
    public Task<IActionResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request) =>
        handler.HandleAsync(request);
}
