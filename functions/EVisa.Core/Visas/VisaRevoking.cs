using Microsoft.Extensions.Logging;

namespace EVisa.Core.Visas;

/// <summary>
/// Revokes a visa with a reason (an officer's decision, or R7: its passport was replaced). Idempotent: a revoked
/// visa stays revoked with its first reason.
/// </summary>
public sealed class VisaRevoking(VisaStore visas, TimeProvider clock, ILogger<VisaRevoking> logger)
{
    /// <param name="by">Who revokes, as the visa records it: the role's API name.</param>
    public async Task<VisaRevocationOutcome> RevokeAsync(string visaNumber, string reason, string by,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var revocation = new VisaRevocation(now, reason, by);
        var change = await visas.ChangeAsync(visaNumber,
            visa => visa.Revocation is null
                ? (visa with { Revocation = revocation }, VisaRevocationDecision.Revoked)
                : (null, VisaRevocationDecision.AlreadyRevoked),
            cancellationToken);
        if (change is null)
            return new VisaRevocationOutcome(VisaRevocationDecision.VisaNotFound, null, now);
        if (change.Outcome == VisaRevocationDecision.Revoked)
            logger.LogInformation("Visa {VisaNumber} revoked by an {Role}", visaNumber, by);
        return new VisaRevocationOutcome(change.Outcome, change.Visa, now);
    }
}
