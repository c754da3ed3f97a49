using EVisa.Core.Api.Applications;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace EVisa.Functions.Api;

public sealed class ApplicationApiFunctions(ApplicationStatusHandler status)
{
    [Function("GetApplication")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "applications/{applicationId}")] HttpRequest request,
        string applicationId) =>
        status.HandleAsync(request, applicationId);
}
