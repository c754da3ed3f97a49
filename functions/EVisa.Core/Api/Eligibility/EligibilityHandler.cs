using EVisa.Core.Rules;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace EVisa.Core.Api.Eligibility;

/// <summary>The categories a nationality may apply for.</summary>
public sealed record EligibilityResponse(string Nationality, IReadOnlyList<string> Categories);

/// <summary><c>GET /api/eligibility?nationality=XXX</c>: open to anyone, so applicants can check before they register (R3).</summary>
public sealed class EligibilityHandler
{
    public IActionResult Handle(HttpRequest request)
    {
        var nationality = request.Query["nationality"].ToString();
        if (string.IsNullOrEmpty(nationality))
        {
            return Problems.Validation(new Dictionary<string, string[]>
            {
                ["nationality"] = ["Give the nationality as an ISO 3166-1 alpha-3 code, e.g. nationality=CHN."],
            });
        }

        if (!CountryCode.TryParse(nationality, out var code))
        {
            return Problems.Create(StatusCodes.Status400BadRequest, "unknown-nationality",
                "The nationality is not a known ISO 3166-1 alpha-3 code.",
                "Use three upper-case letters as in the passport's machine-readable zone, e.g. CHN.");
        }

        var categories = Countries.EligibleCategories(code.Value).Select(c => c.ToApiName()).ToList();
        return new OkObjectResult(new EligibilityResponse(code.Value.Value, categories));
    }
}
