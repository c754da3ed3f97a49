namespace EVisa.Core.Portal;

/// <summary>
/// The applicant portal's settings, from configuration section <c>Portal</c>: how the pages sign in, and where the
/// public pages live (for the absolute return address handed to the payment provider).
/// </summary>
public sealed class PortalOptions
{
    public const string SectionName = "Portal";

    /// <summary>
    /// The OpenID Connect authority the pages sign in against (Microsoft Entra External ID); empty takes
    /// <c>Identity:Authority</c>, the one whose keys the API validates tokens with.
    /// </summary>
    public string? Authority { get; set; }

    /// <summary>The portal's public client (app registration) id; with an authority, the pages sign in with OIDC.</summary>
    public string? ClientId { get; set; }

    /// <summary>The scopes the pages request, space-separated (oidc-client-ts's <c>scope</c>).</summary>
    public string Scopes { get; set; } = "openid profile email";

    /// <summary>
    /// The origin the applicant's browser sees (e.g. the Static Web App's address), for return addresses; empty takes the
    /// request's own origin, which is right when the pages and the API share one host (the DevServer).
    /// </summary>
    public string? PublicOrigin { get; set; }

    /// <summary>
    /// The folder of the built pages; empty takes the app's <c>wwwroot</c> (where the build copies <c>web/dist</c>). The
    /// DevServer defaults it to the checkout's <c>web/dist</c>, so a rebuilt page shows without a rebuild of the server.
    /// </summary>
    public string? StaticFiles { get; set; }

    /// <summary>
    /// The staff console's OpenID Connect authority (Microsoft Entra ID, the workforce tenant whose app roles
    /// <c>inviter</c>, <c>officer</c>, <c>border</c> reach the API's tokens); empty takes <c>Identity:Authority</c>.
    /// </summary>
    public string? StaffAuthority { get; set; }

    /// <summary>The staff console's public client id; with an authority, the console signs in with OIDC.</summary>
    public string? StaffClientId { get; set; }

    /// <summary>The scopes the staff console requests, space-separated (the API's scope among them, for its app roles).</summary>
    public string StaffScopes { get; set; } = "openid profile";
}
