namespace EVisa.Core.Rules;

/// <summary>
/// The consular fee table, bound from the "Fees" section. Amounts are in minor units of <see cref="Currency"/>.
/// </summary>
/// <remarks>Why: docs/decisions/0003-the-fee-is-in-us-dollars-by-default.md (placeholder amounts).</remarks>
public sealed class FeeOptions
{
    public const string SectionName = "Fees";

    /// <summary>ISO 4217 code of every amount in the table.</summary>
    public string Currency { get; set; } = "USD";

    /// <summary>The fee per category, keyed by API name (tourist, business, medical), in minor units.</summary>
    public Dictionary<string, long> ByCategory { get; set; } = new(StringComparer.Ordinal)
    {
        ["tourist"] = 8000,
        ["business"] = 8000,
        ["medical"] = 8000,
    };

    /// <summary>Fees that differ for a nationality (e.g. by reciprocity), which win over <see cref="ByCategory"/>.</summary>
    public List<FeeOverride> Overrides { get; set; } = [];
}

/// <summary>A fee for one category and one nationality.</summary>
public sealed class FeeOverride
{
    /// <summary>API name of the category: tourist, business or medical.</summary>
    public string Category { get; set; } = "";

    /// <summary>ISO 3166-1 alpha-3 code.</summary>
    public string Nationality { get; set; } = "";

    public long AmountMinor { get; set; }
}
