namespace EVisa.Core.Rules;

/// <summary>
/// The consular fee table, bound from the "Fees" section. Amounts are in minor units of <see cref="Currency"/>.
/// </summary>
/// <remarks>
/// Currency: USD by default. The payer is a foreigner paying online by card, Kazakhstan's consulates publish
/// visa fees in US dollars, and a KZT amount would drift against the applicant's currency with the tenge. It is
/// a setting, so the operator can switch to KZT (the Tax Code expresses consular fees in monthly calculation
/// indices, converted to tenge each year) without a release. The default amounts are placeholders: the seed
/// names no amount, and the figures must be confirmed by the Ministry before going live.
/// </remarks>
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
