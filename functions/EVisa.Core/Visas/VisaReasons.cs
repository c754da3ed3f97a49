
namespace EVisa.Core.Visas;

/// <summary>
/// Why a visa check refuses (verification, entry, exit), as the API spells them. An API contract like every
/// <c>...Reasons</c> class: add, never rename.
/// </summary>
public static class VisaReasons
{
    public const string Unknown = "unknown";
    public const string Revoked = "revoked";
    public const string NotYetValid = "not-yet-valid";
    public const string Expired = "expired";
    public const string AlreadyUsed = "already-used";
    public const string PassportMismatch = "passport-mismatch";
}
