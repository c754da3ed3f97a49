using EVisa.Core.Api;
using EVisa.Core.Api.Visas;
using EVisa.Core.Rules;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace EVisa.Core.Visas;

/// <summary>
/// <c>GET /api/visas/{visaNumber}/verification?passportNumber=</c>: whether the visa may be used today with that
/// passport, and every reason it may not (unknown, revoked, not-yet-valid, expired, already-used, passport-mismatch).
/// An unknown number is an answer, not a 404: the border asked about the paper in front of it.
/// </summary>
public sealed class VisaVerificationHandler(VisaStore visas, TimeProvider clock)
{
    public async Task<IActionResult> HandleAsync(HttpRequest request, string visaNumber)
    {
        // R10: the verification is of this visa with this passport; without it the answer would mislead.
        var passportNumber = request.Query["passportNumber"].ToString();
        if (string.IsNullOrWhiteSpace(passportNumber))
        {
            return Problems.Validation(new Dictionary<string, string[]>
            {
                ["passportNumber"] = ["Give the number of the passport presented with the visa (R10)."],
            });
        }

        var visa = await visas.GetAsync(visaNumber, request.HttpContext.RequestAborted);
        if (visa is null)
            return new OkObjectResult(new VisaVerificationResponse(visaNumber, false, [VisaReasons.Unknown], null));

        var now = clock.GetUtcNow();
        var reasons = visa.Refusals(KazakhstanTime.DateOf(now), passportNumber);
        return new OkObjectResult(new VisaVerificationResponse(visa.VisaNumber, reasons.Count == 0, reasons, VisaView.From(visa, now)));
    }
}
