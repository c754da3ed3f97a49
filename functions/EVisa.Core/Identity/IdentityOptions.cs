namespace EVisa.Core.Identity;

/// <summary>
/// How bearer tokens are validated, from configuration section <c>Identity</c>. In Azure, <see cref="Authority"/>
/// names the issuer's OpenID Connect metadata (Microsoft Entra), whose published keys (RS256) sign the tokens.
/// Locally, <see cref="SigningKeys"/> are symmetric development keys (base64, at least 32 bytes, HS256); the first
/// one also signs development tokens. Several may be listed, so a key can be rotated without refusing tokens.
/// </summary>
public sealed class IdentityOptions
{
    public const string SectionName = "Identity";

    public string Issuer { get; set; } = "";
    public string Audience { get; set; } = "";
    public List<string> SigningKeys { get; set; } = [];

    /// <summary>The issuer's base address; its <c>/.well-known/openid-configuration</c> gives the signing keys.</summary>
    public string? Authority { get; set; }

    /// <summary>Leeway for clocks that disagree between issuer and service.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);
}
