using EVisa.Core.Api.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace EVisa.Functions.Api;

public sealed class OpenApiFunctions(OpenApiHandler handler)
{
    // Anonymous: the description of the interface says nothing about its data.
    [Function("GetOpenApiDocument")]
    public IActionResult Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi.json")] HttpRequest request) =>
        handler.Handle();
}
