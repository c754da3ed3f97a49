namespace EVisa.Core.Visas;

/// <summary>What revoking a visa came to.</summary>
public enum VisaRevocationDecision
{
    /// <summary>Revoked now.</summary>
    Revoked,

    /// <summary>Revoked before; it stays revoked with its first reason.</summary>
    AlreadyRevoked,

    /// <summary>No visa has that number.</summary>
    VisaNotFound,
}

/// <summary>The revocation's decision, with the visa as it now stands (null when there is none) and the time it was judged at.</summary>
public sealed record VisaRevocationOutcome(VisaRevocationDecision Decision, VisaRecord? Visa, DateTimeOffset At);
