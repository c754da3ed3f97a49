namespace EVisa.Core.Audit;

/// <summary>
/// One request to an audited function: who (the token's subject, empty without a valid token), in which role, which
/// function, on which resource, and how it ended. Ids only, never personal data.
/// </summary>
public sealed record AuditRecord(DateTimeOffset At, string Actor, string Role, string Action, string ResourceType,
    string ResourceId, AuditOutcome Outcome, int Status);

public enum AuditOutcome
{
    Succeeded,

    /// <summary>401 or 403: refused for who sent it.</summary>
    Denied,

    /// <summary>Any other 4xx: refused on its merits (invalid, not found, conflict, a rule).</summary>
    Refused,

    /// <summary>5xx.</summary>
    Failed,
}

public static class AuditOutcomes
{
    public static AuditOutcome FromStatus(int status) => status switch
    {
        401 or 403 => AuditOutcome.Denied,
        >= 400 and < 500 => AuditOutcome.Refused,
        >= 500 => AuditOutcome.Failed,
        _ => AuditOutcome.Succeeded,
    };
}
