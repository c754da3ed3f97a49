namespace EVisa.Core.Rules;

/// <summary>The three e-visa categories (R1). Every e-visa is single-entry.</summary>
public enum VisaCategory
{
    Tourist,
    Business,
    Medical,
}

/// <summary>The API's words for <see cref="VisaCategory"/> (<c>tourist</c>, <c>business</c>, <c>medical</c>), for the field readers.</summary>
public static class VisaCategories
{
    public static readonly IReadOnlyDictionary<string, VisaCategory> ByName =
        Enum.GetValues<VisaCategory>().ToDictionary(c => c.ToApiName());
}
