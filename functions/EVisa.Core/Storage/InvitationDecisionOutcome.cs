
namespace EVisa.Core.Storage;

/// <summary>How a decision on an invitation ended.</summary>
public enum InvitationDecisionOutcome
{
    Decided,
    NotFound,
    AlreadyDecided,
}
