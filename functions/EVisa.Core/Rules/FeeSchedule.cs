namespace EVisa.Core.Rules;

/// <summary>
/// The consular fee for an application (R5: paid online before the visa is formed; R8: never refunded).
/// Built once from <see cref="FeeOptions"/>, which it validates whole, so a wrong table stops the service at
/// start-up instead of charging a wrong fee to one applicant later.
/// </summary>
public sealed class FeeSchedule
{
    private readonly string _currency;
    private readonly Dictionary<VisaCategory, long> _byCategory = [];
    private readonly Dictionary<(VisaCategory, string), long> _overrides = [];

    public FeeSchedule(FeeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _currency = new Money(0, options.Currency).Currency; // validates the code
        foreach (var (name, amount) in options.ByCategory)
        {
            if (!ApiNames.TryParse<VisaCategory>(name, out var category))
                throw new ArgumentException($"Fees: unknown category '{name}'.", nameof(options));
            _byCategory[category] = NonNegative(amount, name);
        }

        foreach (var category in Enum.GetValues<VisaCategory>())
        {
            if (!_byCategory.ContainsKey(category))
                throw new ArgumentException($"Fees: no fee for category '{category.ToApiName()}'.", nameof(options));
        }

        foreach (var entry in options.Overrides)
        {
            if (!ApiNames.TryParse<VisaCategory>(entry.Category, out var category))
                throw new ArgumentException($"Fees: unknown category '{entry.Category}' in an override.", nameof(options));
            if (!Countries.IsKnown(entry.Nationality))
                throw new ArgumentException($"Fees: unknown nationality '{entry.Nationality}' in an override.", nameof(options));
            if (!_overrides.TryAdd((category, entry.Nationality), NonNegative(entry.AmountMinor, entry.Category)))
                throw new ArgumentException($"Fees: two overrides for {entry.Category} and {entry.Nationality}.", nameof(options));
        }
    }

    public string Currency => _currency;

    /// <summary>The fee a citizen of <paramref name="nationality"/> pays for <paramref name="category"/>.</summary>
    public Money FeeFor(VisaCategory category, CountryCode nationality) =>
        new(_overrides.TryGetValue((category, nationality.Value), out var amount) ? amount : _byCategory[category], _currency);

    private static long NonNegative(long amount, string what) =>
        amount >= 0 ? amount : throw new ArgumentException($"Fees: negative amount for '{what}'.", nameof(amount));
}
