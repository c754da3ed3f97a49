namespace EVisa.Core.Identity;

/// <summary>The one role a bearer token carries (DESIGN.md, "Identity and access").</summary>
public enum Role
{
    Applicant,
    Inviter,
    Officer,
    Border,
}
