namespace EVisa.Core.Rules;

/// <summary>
/// R3 as a refusal: whether a nationality, as typed or read from an MRZ, may apply for a category. Tells an
/// unknown code (a typo, or an ICAO-only code such as XXA) apart from a known country that is not listed.
/// </summary>
public static class EligibilityRules
{
    // R3
    public static IReadOnlyList<RuleViolation> Check(string? nationality, VisaCategory category)
    {
        if (!CountryCode.TryParse(nationality, out var country))
            return [new(RuleReasons.NationalityUnknown, "The nationality must be an ISO 3166-1 alpha-3 code.", "R3", "nationality")];
        if (!Countries.IsEligible(country.Value, category))
        {
            return [new(RuleReasons.NationalityNotEligible,
                $"Citizens of {Countries.EnglishName(country.Value)} cannot get a {category.ToApiName()} e-visa.", "R3", "nationality")];
        }

        return [];
    }
}
