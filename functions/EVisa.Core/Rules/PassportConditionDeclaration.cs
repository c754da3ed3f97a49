namespace EVisa.Core.Rules;

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
