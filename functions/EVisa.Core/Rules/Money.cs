namespace EVisa.Core.Rules;

/// <summary>
/// An amount in minor units (cents for USD, tiyn for KZT) as an integer, with its ISO 4217 currency: fees are
/// compared with what the payment provider reports, and floating point would make equal amounts differ.
/// </summary>
public readonly record struct Money
{
    public Money(long amountMinor, string currency)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amountMinor);
        if (currency is not { Length: 3 } || !currency.All(char.IsAsciiLetterUpper))
            throw new ArgumentException("The currency must be an ISO 4217 code such as USD.", nameof(currency));
        AmountMinor = amountMinor;
        Currency = currency;
    }

    public long AmountMinor { get; }

    public string Currency { get; }

    // Two decimals: USD and KZT (tiyn) both have 2 minor digits in ISO 4217; for display and logs only.
    public override string ToString() => $"{AmountMinor / 100}.{AmountMinor % 100:D2} {Currency}";
}
