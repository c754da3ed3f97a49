namespace EVisa.Core.Rules;

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
