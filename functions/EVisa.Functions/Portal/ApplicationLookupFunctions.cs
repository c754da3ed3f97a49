using EVisa.Core.Identity;
using EVisa.Core.Lookup;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace EVisa.Functions.Portal;

/// <summary>"Find my application" without signing in: anonymous, rate-limited, the same answer for "no such" and "no match".</summary>
public sealed class ApplicationLookupFunctions(ApplicationLookupHandler lookup)
{
    [Function("LookupApplication")]
    [PublicRoute]
    public Task<IActionResult> Lookup(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "applications/lookup")] HttpRequest request) =>
        lookup.StatusAsync(request);

    // R11
    [Function("LookupVisaPdf")]
    [PublicRoute]
    public Task<IActionResult> LookupVisa(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "applications/lookup/visa")] HttpRequest request) =>
        lookup.VisaAsync(request);
}
