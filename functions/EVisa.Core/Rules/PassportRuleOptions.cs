namespace EVisa.Core.Rules;

/// <summary>Configurable passport rules, bound from the "Rules:Passport" section.</summary>
public sealed class PassportRuleOptions
{
    public const string SectionName = "Rules:Passport";

    /// <summary>
    /// R9.3: how many months the passport must outlive the visa. Default 3, as the seed says. A later
    /// official source asks for 6 months; this is configuration so the operator can follow whichever text is
    /// in force without a release. Whole months, not a TimeSpan, because "3 months" is calendar months.
    /// </summary>
    public int ExpiryMarginMonths { get; set; } = 3;
}
