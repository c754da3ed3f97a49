namespace EVisa.Core.Visas;

/// <summary>What filing an arrival notice (R13) came to.</summary>
public enum ArrivalNoticeFilingDecision
{
    /// <summary>Filed now, or filed before (filing again changes nothing).</summary>
    Filed,

    /// <summary>No visa has that number.</summary>
    VisaNotFound,

    /// <summary>The visa exists but another party invited its holder.</summary>
    NotTheInviter,

    /// <summary>No entry is recorded, so no notice is due yet.</summary>
    NotEntered,
}

/// <summary>The filing's decision, with the visa as it now stands (null when there is none) and the time it was judged at.</summary>
public sealed record ArrivalNoticeFilingOutcome(ArrivalNoticeFilingDecision Decision, VisaRecord? Visa, DateTimeOffset At);
