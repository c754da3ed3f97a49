namespace EVisa.Core.Identity;

/// <summary>
/// How bearer tokens are validated, from configuration section <c>Identity</c>. Locally the signing keys are
/// symmetric development keys (base64, at least 32 bytes); the first one also signs development tokens.
/// Several keys may be listed so a key can be rotated without refusing tokens signed with the old one.
/// </summary>
public sealed class IdentityOptions
{
    public const string Section = "Identity";

    public string Issuer { get; set; } = "";
    public string Audience { get; set; } = "";
    public List<string> SigningKeys { get; set; } = [];

    /// <summary>Leeway for clocks that disagree between issuer and service.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);
}
