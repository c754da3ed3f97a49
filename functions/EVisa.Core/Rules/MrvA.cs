namespace EVisa.Core.Rules;

/// <summary>The holder and visa data written into the visa's MRV-A zone.</summary>
/// <param name="PassportNumber">The number of the passport the visa is bound to (R7), at most 9 characters.</param>
/// <param name="Surname">In Latin letters, as checked by <see cref="PassportRules"/>.</param>
/// <param name="GivenNames">In Latin letters; may be empty.</param>
/// <param name="Nationality">ISO 3166-1 alpha-3; written in ICAO form ("DEU" as "D&lt;&lt;").</param>
/// <param name="DateOfBirth">The holder's date of birth.</param>
/// <param name="Sex">The holder's sex.</param>
/// <param name="ValidUntil">The visa's last valid day.</param>
/// <param name="OptionalData">Up to 16 MRZ characters for line 2 positions 29-44, e.g. the visa number.</param>
public sealed record MrvAData(
    string PassportNumber,
    string Surname,
    string GivenNames,
    string Nationality,
    DateOnly DateOfBirth,
    Sex Sex,
    DateOnly ValidUntil,
    string OptionalData = "");

/// <summary>
/// The machine-readable zone of a full-size visa, format A (ICAO 9303 Part 7): two lines of 44 characters,
/// check digits on the passport number, birth date and expiry, optional data in positions 29-44 of line 2,
/// and no composite check digit.
/// </summary>
public static class MrvA
{
    /// <summary>The visa's issuing state.</summary>
    public const string IssuingState = "KAZ";

    // "V" is a visa; the second character is the issuer's type letter, unused here.
    private const string DocumentCode = "V<";

    /// <summary>Writes the zone. Throws on data that was not checked first (see <see cref="PassportRules"/>).</summary>
    public static MrzLines Write(MrvAData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var number = PassportNumber.Parse(data.PassportNumber).Value;
        if (number.Length is 0 or > 9 || !number.All(char.IsAsciiLetterOrDigit))
            throw new ArgumentException("The passport number must be 1 to 9 letters or digits.", nameof(data));
        if (!MrzText.IsLatinName(data.Surname) || !MrzText.IsLatinName(data.GivenNames) || MrzText.NameComponent(data.Surname).Length == 0)
            throw new ArgumentException("Names must be in Latin letters.", nameof(data));
        if (!Countries.IsKnown(data.Nationality))
            throw new ArgumentException("The nationality must be an ISO 3166-1 alpha-3 code.", nameof(data));
        var optional = data.OptionalData.ToUpperInvariant();
        if (optional.Length > 16 || !MrzCheckDigit.IsMrzText(optional))
            throw new ArgumentException("Optional data must be at most 16 MRZ characters.", nameof(data));
        return Compose(data with { PassportNumber = number, OptionalData = optional }, IssuingState);
    }

    // Separate from the checks so tests can reproduce ICAO's specimen, whose codes (UTO, XXX) are not ISO.
    internal static MrzLines Compose(MrvAData data, string issuingState)
    {
        var number = data.PassportNumber;
        var optional = data.OptionalData;
        var line1 = DocumentCode + issuingState + MrzText.NameField(data.Surname, data.GivenNames, 39);
        var numberField = MrzText.Fit(number, 9);
        var birth = MrzText.Date(data.DateOfBirth);
        var until = MrzText.Date(data.ValidUntil);
        var line2 = numberField + MrzCheckDigit.ComputeChar(numberField)
            + MrzNationality.ToMrz(data.Nationality)
            + birth + MrzCheckDigit.ComputeChar(birth)
            + MrzText.Sex(data.Sex)
            + until + MrzCheckDigit.ComputeChar(until)
            + MrzText.Fit(optional, 16);
        return new MrzLines(line1, line2);
    }
}
