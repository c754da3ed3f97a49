using EVisa.Core.Identity;
using EVisa.Core.Payments;
using EVisa.Core.Portal;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace EVisa.Functions.Portal;

/// <summary>What the applicant portal's pages call beside the application API: their configuration, and checkout.</summary>
public sealed class PortalFunctions(PortalConfigurationHandler configuration, CheckoutHandler checkout, PortalPageHandler pages)
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

    // R5: pay the fee online, on the provider's hosted page.
    [Function("StartCheckout")]
    [RequiresRole(Role.Applicant)]
    public Task<IActionResult> StartCheckout(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "applications/{applicationId}/checkout")] HttpRequest request,
        string applicationId) =>
        checkout.HandleAsync(request, applicationId);
}
