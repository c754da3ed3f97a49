using EVisa.Core.Identity;
using EVisa.Core.Payments;
using EVisa.Core.Portal;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace EVisa.Core.Api.Portal;

/// <summary>
/// <c>GET /api/portal/configuration</c> (anyone): what the static pages cannot know at build time. How to sign in:
/// <c>oidc</c> (authorization code with PKCE against the authority, e.g. Microsoft Entra External ID with e-mail one-time
/// passcodes), <c>development</c> (the DevServer's <c>POST /api/dev/tokens</c>, Development only), or <c>none</c>; and the
/// payment provider's origin; and the same for the staff console (<c>staff</c>: Microsoft Entra ID with app roles, or
/// the development sign-in with a role chosen).
/// </summary>
public sealed class PortalConfigurationHandler(
    IOptions<PortalOptions> portal,
    IOptions<IdentityOptions> identity,
    IOptions<CheckoutOptions> checkout,
    IHostEnvironment environment)
{
    public IActionResult Handle(HttpRequest request)
    {
        var options = portal.Value;
        var authority = string.IsNullOrWhiteSpace(options.Authority) ? identity.Value.Authority : options.Authority;
        var oidc = !string.IsNullOrWhiteSpace(authority) && !string.IsNullOrWhiteSpace(options.ClientId);
        var signIn = oidc ? "oidc" : environment.IsDevelopment() ? "development" : "none";
        var staffAuthority = string.IsNullOrWhiteSpace(options.StaffAuthority) ? identity.Value.Authority : options.StaffAuthority;
        var staffOidc = !string.IsNullOrWhiteSpace(staffAuthority) && !string.IsNullOrWhiteSpace(options.StaffClientId);
        var origin = SecurityHeaders.OriginOf(options.PublicOrigin) ?? $"{request.Scheme}://{request.Host.ToUriComponent()}";
        var checkoutOrigin = SecurityHeaders.OriginOf(checkout.Value.CheckoutUrl)
            ?? (string.IsNullOrWhiteSpace(checkout.Value.CheckoutUrl) ? null : origin);
        return new OkObjectResult(new
        {
            signIn,
            authority = oidc ? authority : null,
            clientId = oidc ? options.ClientId : null,
            scopes = oidc ? options.Scopes : null,
            checkoutOrigin,
            staff = new
            {
                signIn = staffOidc ? "oidc" : environment.IsDevelopment() ? "development" : "none",
                authority = staffOidc ? staffAuthority : null,
                clientId = staffOidc ? options.StaffClientId : null,
                scopes = staffOidc ? options.StaffScopes : null,
            },
        });
    }
}
