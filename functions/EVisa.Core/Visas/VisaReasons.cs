
namespace EVisa.Core.Visas;

/// <summary>The reason codes of a visa check, as the API spells them.</summary>
public static class VisaReasons
{
    public const string Unknown = "unknown";
    public const string Revoked = "revoked";
    public const string NotYetValid = "not-yet-valid";
    public const string Expired = "expired";
    public const string AlreadyUsed = "already-used";
    public const string PassportMismatch = "passport-mismatch";
}
