namespace EVisa.Core.Rules;

/// <summary>
/// When a visa may be used: from the first to the last valid day, both inclusive, one entry (R1). Only
/// <see cref="VisaValidityRules.FromInvitation"/> makes one, so "until before from" cannot exist.
/// </summary>
public sealed record VisaValidity
{
    internal VisaValidity(DateOnly validFrom, DateOnly validUntil)
    {
        ValidFrom = validFrom;
        ValidUntil = validUntil;
    }

    public DateOnly ValidFrom { get; }

    public DateOnly ValidUntil { get; }

    /// <summary>R1: every e-visa is single-entry.</summary>
    public int Entries => 1;

    /// <summary>Days of stay, both ends counted.</summary>
    public int StayDays => ValidUntil.DayNumber - ValidFrom.DayNumber + 1;

    /// <summary>Whether the date falls within the validity, both ends included.</summary>
    public bool Covers(DateOnly date) => date >= ValidFrom && date <= ValidUntil;
}
