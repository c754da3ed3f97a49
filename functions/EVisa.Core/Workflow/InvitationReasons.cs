namespace EVisa.Core.Workflow;

/// <summary>
/// R2's refusal reasons: an API contract like <see cref="Rules.RuleReasons"/> (add, never rename). Kept beside the
/// check that gives them rather than in Rules/, because they need the stored invitation.
/// </summary>
public static class InvitationReasons
{
    public const string NotFound = "invitation-not-found";
    public const string NotApproved = "invitation-not-approved";
    public const string Used = "invitation-used";
    public const string Expired = "invitation-expired";
    public const string CategoryMismatch = "invitation-category-mismatch";
    public const string GuestMismatch = "invitation-guest-mismatch";
}
