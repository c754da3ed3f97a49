using EVisa.Core.Api.Eligibility;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace EVisa.Functions.Api;

public sealed class EligibilityFunctions(EligibilityHandler handler)
{
    // R3: open to anyone, before registering.
    [Function("GetEligibility")]
    public IActionResult Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "eligibility")] HttpRequest request) =>
        handler.Handle(request);
}
