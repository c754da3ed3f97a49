namespace EVisa.Core.Rules;

/// <summary>
/// PLACEHOLDER until the rules issue lands the reviewed table: the ISO 3166-1 alpha-3 set and the
/// two e-visa lists of the seed (R3).
/// </summary>
public static class Countries
{
    private static readonly HashSet<string> Known = ["CHN", "IND", "DEU", "QAT", "USA", "SRB"];
    private static readonly HashSet<string> Tourist = ["CHN", "IND", "QAT"];
    private static readonly HashSet<string> BusinessAndMedical = ["QAT", "SRB"];

    /// <summary>Whether the text is exactly a known upper-case alpha-3 code.</summary>
    public static bool IsKnown(string code) => Known.Contains(code);

    /// <summary>R3: the categories a citizen of this country may apply for, in the order of <see cref="VisaCategory"/>.</summary>
    public static IReadOnlyList<VisaCategory> EligibleCategories(CountryCode nationality)
    {
        var categories = new List<VisaCategory>();
        if (Tourist.Contains(nationality.Value))
            categories.Add(VisaCategory.Tourist);
        if (BusinessAndMedical.Contains(nationality.Value))
            categories.AddRange([VisaCategory.Business, VisaCategory.Medical]);
        return categories;
    }
}
