using System.Text.RegularExpressions;
using EVisa.Core.Rules;

namespace EVisa.Core.Documents;

/// <summary>
/// Everything printed on one e-visa (DESIGN.md, "The visa document"). The MRZ lines come from the MRV-A
/// generator in <c>Rules/</c> and the seal text from <see cref="VisaSealSigner"/>; this record only carries them.
/// </summary>
/// <param name="Surname">The holder's surname as in the passport.</param>
/// <param name="GivenNames">The holder's given names as in the passport.</param>
/// <param name="PassportNumber">The passport the visa is bound to (R7, R10).</param>
/// <param name="Nationality">ISO 3166-1 alpha-3, as in the passport's MRZ.</param>
/// <param name="DateOfBirth">The holder's date of birth.</param>
/// <param name="Sex"><c>M</c>, <c>F</c> or <c>X</c>, as in ICAO 9303.</param>
/// <param name="VisaNumber">The visa number allocated at issue.</param>
/// <param name="Category">R1: tourist, business or medical.</param>
/// <param name="ValidFrom">First day the visa may be used.</param>
/// <param name="ValidUntil">Last day the visa may be used.</param>
/// <param name="InvitationNumber">R2: the 10-digit number of the approved invitation.</param>
/// <param name="IssueDate">The day the visa was issued.</param>
/// <param name="MrzLine1">MRV-A line 1, 44 characters.</param>
/// <param name="MrzLine2">MRV-A line 2, 44 characters.</param>
/// <param name="SealText">The signed seal carried by the 2D code.</param>
public sealed partial record VisaDocument(
    string Surname,
    string GivenNames,
    string PassportNumber,
    string Nationality,
    DateOnly DateOfBirth,
    char Sex,
    string VisaNumber,
    VisaCategory Category,
    DateOnly ValidFrom,
    DateOnly ValidUntil,
    string InvitationNumber,
    DateOnly IssueDate,
    string MrzLine1,
    string MrzLine2,
    string SealText)
{
    /// <summary>Length of each MRV-A line (ICAO 9303 Part 7).</summary>
    public const int MrzLineLength = 44;

    /// <summary>R1: every e-visa is single-entry.</summary>
    public int Entries => 1;

    /// <summary>R4: entry and exit only through these airports.</summary>
    public IReadOnlyList<Checkpoint> Checkpoints => Checkpoint.Permitted;

    /// <summary>The essential data that the seal signs.</summary>
    public VisaSealData ToSealData() => new(
        VisaNumber, PassportNumber, Surname, GivenNames, Nationality, DateOfBirth, Sex, Category,
        ValidFrom, ValidUntil, Entries, InvitationNumber);

    /// <summary>This visa with its seal: the essential data signed by <paramref name="signer"/>.</summary>
    public VisaDocument WithSeal(VisaSealSigner signer)
    {
        ArgumentNullException.ThrowIfNull(signer);
        return this with { SealText = signer.Sign(ToSealData()) };
    }

    /// <summary>The problems that make this record unprintable; empty when it is fine.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        Require(!string.IsNullOrWhiteSpace(Surname), "surname is empty");
        Require(GivenNames is not null, "given names are missing");
        Require(!string.IsNullOrWhiteSpace(PassportNumber), "passport number is empty");
        Require(!string.IsNullOrWhiteSpace(VisaNumber), "visa number is empty");
        Require(Nationality is not null && Alpha3().IsMatch(Nationality), "nationality is not an ISO 3166-1 alpha-3 code");
        Require(SexLetters.TryParse(Sex.ToString(), out _), "sex is not M, F or X");
        Require(Enum.IsDefined(Category), "category is unknown");
        Require(ValidUntil >= ValidFrom, "valid until is before valid from");
        Require(InvitationNumber is not null && TenDigits().IsMatch(InvitationNumber), "invitation number is not 10 digits");
        Require(MrzLine1 is { Length: MrzLineLength }, "MRZ line 1 is not 44 characters");
        Require(MrzLine2 is { Length: MrzLineLength }, "MRZ line 2 is not 44 characters");
        Require(!string.IsNullOrEmpty(SealText), "seal text is empty");
        if (problems.Count == 0)
            Require(SealCarriesThisVisa(), "the seal text does not carry this visa's data");
        return problems;

        void Require(bool condition, string problem)
        {
            if (!condition)
                problems.Add(problem);
        }
    }

    /// <summary>
    /// Whether the seal's payload is this visa's data (its signature is the verifier's business): the code on
    /// the paper must never vouch for other data than the text beside it (R10).
    /// </summary>
    private bool SealCarriesThisVisa() =>
        VisaSealCodec.TrySplit(SealText, out _, out _, out var payload, out _)
        && VisaSealCodec.TryDecodePayload(payload, out var data)
        && data == ToSealData();

    internal void EnsureValid()
    {
        var problems = Validate();
        if (problems.Count > 0)
            throw new ArgumentException("The visa document is incomplete: " + string.Join("; ", problems) + ".");
    }

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex Alpha3();

    [GeneratedRegex("^[0-9]{10}$")]
    private static partial Regex TenDigits();
}
