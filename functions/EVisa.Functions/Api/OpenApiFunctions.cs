using EVisa.Core.Api.OpenApi;
using EVisa.Core.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace EVisa.Functions.Api;

public sealed class OpenApiFunctions(OpenApiHandler handler)
{
    // Anonymous: the description of the interface says nothing about its data.
    [Function("GetOpenApiDocument")]
    [PublicRoute]
    public IActionResult Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi.json")] HttpRequest request) =>
        handler.Handle();
}
