namespace EVisa.Core.Rules;

/// <summary>
/// R9.1 to R9.4 and R10: whether a passport can carry the requested visa. Every failure is reported at once,
/// so the applicant fixes everything in one go rather than one error per submission.
/// </summary>
public static class PassportRules
{
    /// <summary>R9.2: at least 2 blank pages; a fixed rule of the seed, not configuration.</summary>
    public const int MinimumBlankPages = 2;

    /// <summary>
    /// Checks the typed passport (and its MRZ when given) for a visa valid until <paramref name="visaValidUntil"/>.
    /// An empty list means the passport is accepted.
    /// </summary>
    /// <param name="passport">The typed passport, with its MRZ lines when given.</param>
    /// <param name="visaValidUntil">The last day of the requested visa (see <see cref="VisaValidityRules"/>).</param>
    /// <param name="today">Today in Kazakhstan (see <see cref="KazakhstanTime.Today"/>), for "issued in the future".</param>
    /// <param name="options">The configurable margin (R9.3).</param>
    public static IReadOnlyList<RuleViolation> Check(
        PassportDetails passport, DateOnly visaValidUntil, DateOnly today, PassportRuleOptions options)
    {
        ArgumentNullException.ThrowIfNull(passport);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.ExpiryMarginMonths);

        var violations = new List<RuleViolation>();
        violations.AddRange(WellFormed(passport, today));
        violations.AddRange(Condition(passport));

        // R9.2
        if (passport.BlankPages < MinimumBlankPages)
            violations.Add(new(RuleReasons.PassportTooFewBlankPages, $"The passport must have at least {MinimumBlankPages} blank pages.", "R9.2", "blankPages"));

        // R9.3: "not earlier than 3 months from the expiry date of the requested visa": expiring exactly on
        // the margin day is accepted.
        var earliestExpiry = visaValidUntil.AddMonths(options.ExpiryMarginMonths);
        if (passport.ExpiryDate < earliestExpiry)
            violations.Add(new(RuleReasons.PassportExpiresTooSoon, $"The passport must be valid until at least {earliestExpiry:yyyy-MM-dd}, {options.ExpiryMarginMonths} months after the visa ends.", "R9.3", "expiryDate"));

        // R9.4
        if (passport.Extension == PassportValidityExtension.ExtendedWithoutMark)
            violations.Add(new(RuleReasons.PassportExtensionNotMarked, "A passport whose validity was extended must carry the extension mark.", "R9.4", "extension"));

        // R9.1 and R10 via the MRZ, when given.
        if (passport.Mrz is { } lines)
        {
            var reading = Td3Mrz.Read(lines.Line1, lines.Line2);
            violations.AddRange(reading.Violations);
            if (reading.Mrz is { } mrz)
                violations.AddRange(MrzComparison.Compare(mrz, passport));
        }

        return violations;
    }

    // R10: the visa is printed from the typed data, so it must be a passport's data in the passport's alphabet.
    private static IEnumerable<RuleViolation> WellFormed(PassportDetails p, DateOnly today)
    {
        // The TD3 MRZ has 9 places for the number; longer numbers (which 9303 spills into the optional data)
        // are not supported here and are refused rather than truncated onto the visa.
        if (!PassportNumber.Parse(p.Number).IsWellFormed)
            yield return new(RuleReasons.PassportNumberMalformed, "The passport number must be 1 to 9 Latin letters or digits.", "R10", "number");

        if (string.IsNullOrWhiteSpace(p.Surname) || !MrzText.IsLatinName(p.Surname) || MrzText.NameComponent(p.Surname).Length == 0)
            yield return new(RuleReasons.PassportNameMalformed, "The surname is required, in Latin letters as in the passport's machine-readable zone.", "R10", "surname");
        if (p.GivenNames is null || !MrzText.IsLatinName(p.GivenNames))
            yield return new(RuleReasons.PassportNameMalformed, "Given names must be in Latin letters as in the passport's machine-readable zone.", "R10", "givenNames");

        if (!Countries.IsKnown(p.Nationality))
            yield return new(RuleReasons.PassportNationalityUnknown, "The nationality must be an ISO 3166-1 alpha-3 code.", "R10", "nationality");
        if (!Countries.IsKnown(p.IssuingState))
            yield return new(RuleReasons.PassportIssuingStateUnknown, "The issuing state must be an ISO 3166-1 alpha-3 code.", "R10", "issuingState");

        if (!(p.DateOfBirth < p.IssueDate && p.IssueDate < p.ExpiryDate))
            yield return new(RuleReasons.PassportDatesOutOfOrder, "The dates must be in order: birth, then issue, then expiry.", "R10", "dates");
        // One day of grace: a passport issued "today" east of Astana (up to UTC+14) may carry tomorrow's
        // Astana date; anything later is a typing error, not a time zone.
        if (p.IssueDate > today.AddDays(1))
            yield return new(RuleReasons.PassportIssuedInFuture, "The issue date cannot be in the future.", "R10", "issueDate");
    }

    // R9.1
    private static IEnumerable<RuleViolation> Condition(PassportDetails p)
    {
        if (p.Condition is null)
            yield return new(RuleReasons.PassportConditionNotDeclared, "Declare the passport's condition.", "R9.1", "condition");
        else if (!p.Condition.IsIntact)
            yield return new(RuleReasons.PassportDamaged, "A passport with reservations, records, erasures, corrections, torn or embroidered pages cannot be used.", "R9.1", "condition");
    }
}
