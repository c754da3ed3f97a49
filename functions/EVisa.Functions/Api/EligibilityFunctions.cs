using EVisa.Core.Api.Eligibility;
using EVisa.Core.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace EVisa.Functions.Api;

public sealed class EligibilityFunctions(EligibilityHandler handler)
{
    // R3: open to anyone, before registering.
    [Function("GetEligibility")]
    [PublicRoute]
    public IActionResult Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "eligibility")] HttpRequest request) =>
        handler.Handle(request);
}
