using EVisa.Core.Identity;
using EVisa.Core.Visas;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace EVisa.Core.Api.Visas;

/// <summary>
/// <c>POST /api/visas/{visaNumber}/revocation</c>: an officer revokes a visa with a reason; its own applicant may
/// only declare a replaced passport (R7: a new passport needs a new visa), which revokes it too. Idempotent: a
/// revoked visa stays revoked with its first reason (<see cref="VisaRevoking"/>). <c>POST .../extension</c> answers
/// that there is none (R6).
/// </summary>
public sealed class VisaRevocationHandler(VisaStore visas, VisaRevoking revoking)
{
    public const string PassportReplaced = "passport-replaced";
    private const int MaxReasonLength = 500;

    public async Task<IActionResult> RevokeAsync(HttpRequest request, string visaNumber)
    {
        var caller = request.HttpContext.GetCaller();
        var (body, malformed) = await RequestBodies.ReadAsync<RevocationRequest>(request);
        if (body is null)
            return malformed!;
        var reason = body.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > MaxReasonLength)
        {
            return Problems.Validation(new Dictionary<string, string[]>
            {
                ["reason"] = [$"Give a reason of at most {MaxReasonLength} characters; an applicant gives \"{PassportReplaced}\"."],
            });
        }

        var cancellationToken = request.HttpContext.RequestAborted;
        if (caller.Role == Role.Applicant)
        {
            // Another applicant's visa answers 404, as a missing one does.
            var own = await visas.GetAsync(visaNumber, cancellationToken);
            if (own is null || own.ApplicantId != caller.Subject)
                return Problems.NotFound("visa");
            if (reason != PassportReplaced)
            {
                return Problems.Create(StatusCodes.Status403Forbidden, "forbidden", "Your role may not do this.",
                    $"An applicant may revoke its visa only by declaring a replaced passport: reason \"{PassportReplaced}\" (R7).");
            }
        }

        var outcome = await revoking.RevokeAsync(visaNumber, reason, caller.Role.ToApiName(), cancellationToken);
        return outcome.Decision switch
        {
            VisaRevocationDecision.Revoked or VisaRevocationDecision.AlreadyRevoked => new OkObjectResult(VisaView.From(outcome.Visa!, outcome.At)),
            VisaRevocationDecision.VisaNotFound => Problems.NotFound("visa"),
            _ => throw new ArgumentOutOfRangeException(nameof(visaNumber), outcome.Decision, null),
        };
    }

    /// <summary>R6: an e-visa cannot be extended; the refusal says so and what to do instead.</summary>
    public IActionResult Extend(string visaNumber) =>
        Problems.Create(StatusCodes.Status422UnprocessableEntity, "extension-not-possible",
            "An e-visa cannot be extended.",
            $"R6: e-visa {visaNumber} is valid only for its recipient and its dates and is not extendable; apply for a new visa instead.");
}
