namespace EVisa.Core.Rules;

/// <summary>
/// A passport's machine-readable zone in the TD3 format (ICAO 9303 Part 4): two lines of 44 characters. Only
/// <see cref="Read"/> makes one, so a value always has the right shape; its check digits may still have
/// failed, which <see cref="Read"/> reports alongside it.
/// </summary>
/// <remarks>Fields hold the MRZ's own text (fillers trimmed where noted) so the comparison with typed data is exact.</remarks>
public sealed record Td3Mrz
{
    private Td3Mrz(MrzLines lines)
    {
        Lines = lines;
        var (l1, l2) = (lines.Line1, lines.Line2);
        DocumentCode = l1[..2];
        IssuingState = l1[2..5];
        NameField = l1[5..44];
        var separator = NameField.IndexOf("<<", StringComparison.Ordinal);
        Surname = MrzText.Readable(separator < 0 ? NameField : NameField[..separator]);
        GivenNames = separator < 0 ? "" : MrzText.Readable(NameField[(separator + 2)..]);
        DocumentNumber = MrzText.TrimFiller(l2[..9]);
        Nationality = l2[10..13];
        BirthDate = l2[13..19];
        Sex = l2[20];
        ExpiryDate = l2[21..27];
        PersonalNumber = MrzText.TrimFiller(l2[28..42]);
    }

    public MrzLines Lines { get; }

    /// <summary>"P&lt;" or "P" and an issuer's type letter.</summary>
    public string DocumentCode { get; }

    /// <summary>Raw 3 characters, e.g. "UTO" or "D&lt;&lt;".</summary>
    public string IssuingState { get; }

    /// <summary>The raw 39-character name field.</summary>
    public string NameField { get; }

    public string Surname { get; }

    public string GivenNames { get; }

    /// <summary>Fillers trimmed.</summary>
    public string DocumentNumber { get; }

    /// <summary>Raw 3 characters, e.g. "UTO" or "D&lt;&lt;".</summary>
    public string Nationality { get; }

    /// <summary>YYMMDD.</summary>
    public string BirthDate { get; }

    /// <summary>'F', 'M' or '&lt;'.</summary>
    public char Sex { get; }

    /// <summary>YYMMDD.</summary>
    public string ExpiryDate { get; }

    /// <summary>Fillers trimmed; empty when the passport has none.</summary>
    public string PersonalNumber { get; }

    /// <summary>
    /// R9.1: reads the two lines. Shape errors (length, alphabet, document code, sex, impossible dates, a
    /// non-digit check digit) give <see cref="RuleReasons.MrzMalformed"/> and no MRZ; failed check digits give
    /// <see cref="RuleReasons.MrzCheckDigitFailed"/> per field, with the MRZ so it can still be compared.
    /// </summary>
    public static Td3MrzReading Read(string? line1, string? line2)
    {
        var l1 = line1?.Trim() ?? "";
        var l2 = line2?.Trim() ?? "";
        var malformed = Shape(l1, l2).ToList();
        if (malformed.Count > 0)
            return new Td3MrzReading(null, malformed);

        var mrz = new Td3Mrz(new MrzLines(l1, l2));
        return new Td3MrzReading(mrz, CheckDigits(l2).ToList());
    }

    /// <summary>Writes the TD3 zone a passport with these typed details would carry (document code "P&lt;").</summary>
    public static MrzLines Write(PassportDetails passport)
    {
        ArgumentNullException.ThrowIfNull(passport);
        var number = PassportNumber.Parse(passport.Number).Value;
        var personal = MrzText.PersonalNumber(passport.PersonalNumber ?? "");
        if (number.Length is 0 or > 9 || personal.Length > 14)
            throw new ArgumentException("The document number must have 1 to 9 characters and the personal number at most 14.", nameof(passport));

        var line1 = "P<" + MrzText.Fit(MrzNationality.ToMrz(passport.IssuingState), 3)
            + MrzText.NameField(passport.Surname, passport.GivenNames, 39);
        var numberField = MrzText.Fit(number, 9);
        var birth = MrzText.Date(passport.DateOfBirth);
        var expiry = MrzText.Date(passport.ExpiryDate);
        var personalField = MrzText.Fit(personal, 14);
        var body = numberField + MrzCheckDigit.ComputeChar(numberField)
            + MrzText.Fit(MrzNationality.ToMrz(passport.Nationality), 3)
            + birth + MrzCheckDigit.ComputeChar(birth)
            + MrzText.Sex(passport.Sex)
            + expiry + MrzCheckDigit.ComputeChar(expiry)
            + personalField + MrzCheckDigit.ComputeChar(personalField);
        var line2 = body + MrzCheckDigit.ComputeChar(Composite(body));
        return new MrzLines(line1, line2);
    }

    // The composite check digit covers the document number, birth date, expiry and personal number fields
    // with their check digits: line 2 positions 1-10, 14-20 and 22-43 (1-based).
    private static string Composite(string line2) => string.Concat(line2.AsSpan(0, 10), line2.AsSpan(13, 7), line2.AsSpan(21, 22));

    private static IEnumerable<RuleViolation> Shape(string l1, string l2)
    {
        if (l1.Length != MrzLines.LineLength || l2.Length != MrzLines.LineLength)
        {
            yield return Malformed("lines", $"Each MRZ line must have {MrzLines.LineLength} characters.");
            yield break;
        }

        if (!MrzCheckDigit.IsMrzText(l1) || !MrzCheckDigit.IsMrzText(l2))
        {
            yield return Malformed("lines", "The MRZ may contain only A-Z, 0-9 and '<'.");
            yield break;
        }

        if (l1[0] != 'P')
            yield return Malformed("documentCode", "This is not a passport MRZ (it must start with 'P').");
        if (!char.IsAsciiLetterUpper(l1[5]))
            yield return Malformed("name", "The name field must start with the surname.");
        if (l2[20] is not ('F' or 'M' or '<'))
            yield return Malformed("sex", "The sex must be F, M or '<'.");
        if (!MrzText.IsRealDate(l2[13..19]))
            yield return Malformed("dateOfBirth", "The date of birth is not a real date.");
        if (!MrzText.IsRealDate(l2[21..27]))
            yield return Malformed("expiryDate", "The expiry date is not a real date.");
        foreach (var position in (int[])[9, 19, 27, 43])
        {
            if (!char.IsAsciiDigit(l2[position]))
                yield return Malformed("checkDigit", $"The check digit at line 2 position {position + 1} must be a digit.");
        }

        // An empty personal number may have a filler as its check digit (9303 Part 4, 4.2.2.3).
        if (!char.IsAsciiDigit(l2[42]) && !(l2[42] == '<' && l2[28..42].All(c => c == '<')))
            yield return Malformed("checkDigit", "The personal number's check digit must be a digit.");
    }

    private static IEnumerable<RuleViolation> CheckDigits(string l2)
    {
        if (!Matches(l2[..9], l2[9]))
            yield return CheckFailed("documentNumber");
        if (!Matches(l2[13..19], l2[19]))
            yield return CheckFailed("dateOfBirth");
        if (!Matches(l2[21..27], l2[27]))
            yield return CheckFailed("expiryDate");
        if (!Matches(l2[28..42], l2[42] == '<' ? '0' : l2[42]))
            yield return CheckFailed("personalNumber");
        if (!Matches(Composite(l2), l2[43]))
            yield return CheckFailed("composite");
    }

    private static bool Matches(string field, char checkDigit) => MrzCheckDigit.ComputeChar(field) == checkDigit;

    private static RuleViolation Malformed(string field, string message) =>
        new(RuleReasons.MrzMalformed, message, "R9.1", "mrz." + field);

    private static RuleViolation CheckFailed(string field) =>
        new(RuleReasons.MrzCheckDigitFailed, $"The MRZ check digit for {field} is wrong: the zone is damaged or altered.", "R9.1", "mrz." + field);
}

/// <summary>What <see cref="Td3Mrz.Read"/> found: the zone when its shape is right, and every problem.</summary>
public sealed record Td3MrzReading(Td3Mrz? Mrz, IReadOnlyList<RuleViolation> Violations)
{
    public bool IsValid => Mrz is not null && Violations.Count == 0;
}
