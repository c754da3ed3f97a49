namespace EVisa.Core.Rules;

/// <summary>
/// The passport as the applicant typed it (R9, R10). Strings are kept as typed so that the checks can say
/// precisely what is wrong with them instead of failing to build the record; dates are <see cref="DateOnly"/>
/// because an impossible date (31 February) is rejected when the request is parsed.
/// </summary>
/// <param name="Number">The document number, letters and digits as printed (case is ignored).</param>
/// <param name="Surname">Primary identifier in Latin letters as in the MRZ; spaces, hyphens, apostrophes allowed.</param>
/// <param name="GivenNames">Secondary identifier, same alphabet; may be empty (some people have one name only).</param>
/// <param name="Nationality">ISO 3166-1 alpha-3, upper case.</param>
/// <param name="DateOfBirth">Must come before the issue date.</param>
/// <param name="Sex">F, M or X.</param>
/// <param name="IssuingState">ISO 3166-1 alpha-3 of the issuing state, upper case.</param>
/// <param name="IssueDate">Not in the future, before the expiry date.</param>
/// <param name="ExpiryDate">R9.3: late enough after the visa ends.</param>
/// <param name="BlankPages">How many entirely blank visa pages the passport has (R9.2).</param>
/// <param name="Condition">R9.1 declaration; null when the applicant did not declare.</param>
/// <param name="Extension">R9.4.</param>
/// <param name="Mrz">The two MRZ lines when the applicant (or a reader) supplied them; checked and compared (R9.1, R10).</param>
/// <param name="PersonalNumber">Optional personal number of the data page; compared with the MRZ's when both are given.</param>
public sealed record PassportDetails(
    string Number,
    string Surname,
    string GivenNames,
    string Nationality,
    DateOnly DateOfBirth,
    Sex Sex,
    string IssuingState,
    DateOnly IssueDate,
    DateOnly ExpiryDate,
    int BlankPages,
    PassportConditionDeclaration? Condition,
    PassportValidityExtension Extension,
    MrzLines? Mrz = null,
    string? PersonalNumber = null);

/// <summary>
/// R9.1: what the applicant declares about the passport's physical state. Each flag is a defect the seed
/// names; a declaration with any flag set refuses, and no declaration at all (null on
/// <see cref="PassportDetails"/>) refuses too, because the seed requires the passport to be free of them.
/// </summary>
public sealed record PassportConditionDeclaration(
    bool HasReservationsOrRecords,
    bool HasErasuresOrCorrections,
    bool HasTornOrEmbroideredPages)
{
    /// <summary>The declaration of an undamaged passport.</summary>
    public static PassportConditionDeclaration Intact { get; } = new(false, false, false);

    public bool IsIntact => !HasReservationsOrRecords && !HasErasuresOrCorrections && !HasTornOrEmbroideredPages;
}

/// <summary>
/// R9.4: whether the passport's validity was extended and, if so, whether the passport carries the mark.
/// One enum rather than two flags, so "marked but never extended" cannot be said.
/// </summary>
public enum PassportValidityExtension
{
    NotExtended,
    ExtendedAndMarked,
    ExtendedWithoutMark,
}
