using EVisa.Core.Rules;

namespace EVisa.Core.Workflow;

/// <summary>
/// What the checks say of an application: every reason against it, or the draft visa and the invitation it will
/// consume. <see cref="Accepted"/> when nothing refuses.
/// </summary>
public sealed record ApplicationVerdict(IReadOnlyList<RuleViolation> Reasons, DraftVisa? Draft, string? InvitationId)
{
    public bool Accepted => Reasons.Count == 0 && Draft is not null && InvitationId is not null;
}

/// <summary>
/// The decision on an application, made the same way at submission and again on confirmation day: the invitation
/// (R2), then eligibility and the passport (R3, R9, R10) for today, every reason at once. Reads one invitation and
/// computes the rest, so it is a plain call wherever it is needed, not a durable step of its own.
/// </summary>
public sealed class ApplicationDecision(InvitationConfirmation invitations, ApplicationRulesCheck rules)
{
    // R2, R3, R9, R10
    public async Task<ApplicationVerdict> DecideAsync(string applicationId, ApplicationForm form, CancellationToken cancellationToken)
    {
        var invitation = await invitations.ConfirmAsync(new ConfirmInvitationInput(applicationId, form), cancellationToken);
        var check = rules.Check(new RulesCheckInput(applicationId, form, invitation.IntendedEntry, invitation.IntendedExit));
        List<RuleViolation> reasons = [.. invitation.Violations, .. check.Violations];
        return reasons.Count > 0 || check.Draft is null || invitation.InvitationId is null
            ? new ApplicationVerdict(reasons, null, null)
            : new ApplicationVerdict(reasons, check.Draft, invitation.InvitationId);
    }
}
