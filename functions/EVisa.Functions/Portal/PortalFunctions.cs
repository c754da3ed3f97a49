using EVisa.Core.Api.Portal;
using EVisa.Core.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace EVisa.Functions.Portal;

/// <summary>The applicant portal's pages and what they call beside the application API: their configuration.</summary>
public sealed class PortalFunctions(PortalConfigurationHandler configuration, PortalPageHandler pages)
{
    // The pages themselves: the front end (Azure Front Door; the DevServer locally) maps every path outside /api here.
    [Function("GetPortalPage")]
    [PublicRoute]
    public IActionResult GetPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "pages/{*path}")] HttpRequest request,
        string? path) =>
        pages.Handle(path);

    [Function("GetPortalConfiguration")]
    [PublicRoute]
    public IActionResult GetConfiguration(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "portal/configuration")] HttpRequest request) =>
        configuration.Handle(request);
}
