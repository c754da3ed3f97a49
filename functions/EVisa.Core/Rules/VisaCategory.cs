namespace EVisa.Core.Rules;

/// <summary>The three e-visa categories (R1). Every e-visa is single-entry.</summary>
public enum VisaCategory
{
    Tourist,
    Business,
    Medical,
}

public static class VisaCategoryNames
{
    /// <summary>The category as the API and documents spell it: <c>tourist</c>, <c>business</c>, <c>medical</c>.</summary>
    public static string ToApiName(this VisaCategory category) => category switch
    {
        VisaCategory.Tourist => "tourist",
        VisaCategory.Business => "business",
        VisaCategory.Medical => "medical",
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, null),
    };

    public static bool TryParse(string? value, out VisaCategory category)
    {
        foreach (var candidate in Enum.GetValues<VisaCategory>())
        {
            if (string.Equals(candidate.ToApiName(), value, StringComparison.Ordinal))
            {
                category = candidate;
                return true;
            }
        }

        category = default;
        return false;
    }
}
