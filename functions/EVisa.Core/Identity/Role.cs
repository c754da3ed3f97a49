namespace EVisa.Core.Identity;

/// <summary>The one role a bearer token carries (DESIGN.md, "Identity and access").</summary>
public enum Role
{
    Applicant,
    Inviter,
    Officer,
    Border,
}

public static class RoleNames
{
    public static string ToClaimValue(this Role role) => role switch
    {
        Role.Applicant => "applicant",
        Role.Inviter => "inviter",
        Role.Officer => "officer",
        Role.Border => "border",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    public static bool TryParse(string? value, out Role role)
    {
        foreach (var candidate in Enum.GetValues<Role>())
        {
            if (string.Equals(candidate.ToClaimValue(), value, StringComparison.Ordinal))
            {
                role = candidate;
                return true;
            }
        }

        role = default;
        return false;
    }
}
