namespace EVisa.Core.Rules;

/// <summary>The visa's validity from the invitation's intended entry and exit dates.</summary>
public static class VisaValidityRules
{
    /// <summary>
    /// A single-entry visa valid from <paramref name="intendedEntry"/> to <paramref name="intendedExit"/>, or
    /// every reason it cannot be: entry in the past, exit before entry, a stay longer than the maximum.
    /// </summary>
    /// <param name="intendedEntry">The invitation's intended entry date.</param>
    /// <param name="intendedExit">The invitation's intended exit date.</param>
    /// <param name="today">Today in Kazakhstan (<see cref="KazakhstanTime.Today"/>); entry today is allowed.</param>
    /// <param name="options">The maximum stay.</param>
    public static RuleOutcome<VisaValidity> FromInvitation(
        DateOnly intendedEntry, DateOnly intendedExit, DateOnly today, VisaValidityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxStayDays, 1);

        var violations = new List<RuleViolation>();
        if (intendedEntry < today)
            violations.Add(new(RuleReasons.VisaEntryInPast, "The intended entry date is in the past.", "R1", "intendedEntry"));
        if (intendedExit < intendedEntry)
            violations.Add(new(RuleReasons.VisaExitBeforeEntry, "The intended exit date is before the entry date.", "R1", "intendedExit"));
        else if (intendedExit.DayNumber - intendedEntry.DayNumber + 1 > options.MaxStayDays)
            violations.Add(new(RuleReasons.VisaStayTooLong, $"An e-visa allows a stay of at most {options.MaxStayDays} days.", "R1", "intendedExit"));

        return violations.Count > 0
            ? RuleOutcome<VisaValidity>.Refuse(violations)
            : RuleOutcome<VisaValidity>.Accept(new VisaValidity(intendedEntry, intendedExit));
    }
}
