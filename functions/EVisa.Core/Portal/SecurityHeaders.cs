using EVisa.Core.Api.Portal;
using EVisa.Core.Identity;
using EVisa.Core.Payments;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace EVisa.Core.Portal;

/// <summary>
/// The security headers of every answer, defined once for both hosts (the DevServer's middleware, the Functions
/// worker's middleware, and the Static Web App configuration written from it).
/// <list type="bullet">
/// <item>Pages (anything outside <c>/api</c>): a strict Content-Security-Policy (no inline script, no framing, no
/// <c>&lt;base&gt;</c>, forms only to us and the payment provider, connections only to us and the sign-in
/// authority), nosniff, no referrer (return addresses carry application ids), the camera for the staff console's QR
/// scan only, and HSTS outside Development.</item>
/// <item>API answers: nosniff always, and <c>Cache-Control: no-store</c> on everything but the few public, personal-data
/// free documents, so no shared or browser cache keeps a status, a passport or a visa.</item>
/// </list>
/// </summary>
public sealed class SecurityHeaders
{
    public const string ApiPrefix = "/api";

    /// <summary>The API routes that answer the same public document to everyone: cacheable.</summary>
    public static readonly IReadOnlyList<string> PublicApiPaths =
        ["/api/eligibility", "/api/visa-keys", "/api/openapi.json", "/api/portal/configuration"];

    public const string HstsValue = "max-age=31536000; includeSubDomains";

    private readonly bool _hsts;
    private readonly string _pageCaching;

    public SecurityHeaders(IOptions<PortalOptions> portal, IOptions<IdentityOptions> identity, IOptions<CheckoutOptions> checkout,
        IHostEnvironment environment)
    {
        var authority = OriginOf(string.IsNullOrWhiteSpace(portal.Value.Authority) ? identity.Value.Authority : portal.Value.Authority);
        var staffAuthority = OriginOf(string.IsNullOrWhiteSpace(portal.Value.StaffAuthority) ? identity.Value.Authority : portal.Value.StaffAuthority);
        var checkoutOrigin = OriginOf(checkout.Value.CheckoutUrl);
        ContentSecurityPolicy = PolicyFor(staffAuthority is null || staffAuthority == authority ? authority : $"{authority} {staffAuthority}".Trim(),
            checkoutOrigin);
        _hsts = !environment.IsDevelopment();
        // Pages hold no personal data: Front Door may keep them briefly; a developer sees each rebuild at once.
        _pageCaching = environment.IsDevelopment() ? "no-cache" : "public, max-age=300";
    }

    /// <summary>The pages' policy for this configuration.</summary>
    public string ContentSecurityPolicy { get; }

    /// <summary>
    /// The policy: <c>default-src 'self'</c>, with the sign-in authority added to <c>connect-src</c> and the payment
    /// provider to <c>form-action</c> when they are on other origins.
    /// </summary>
    public static string PolicyFor(string? authorityOrigin, string? checkoutOrigin) => string.Join("; ",
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "object-src 'none'",
        Join("connect-src 'self'", authorityOrigin),
        Join("form-action 'self'", checkoutOrigin),
        "frame-ancestors 'none'",
        "base-uri 'none'");

    /// <summary>Every header a page answer carries, in order.</summary>
    public IEnumerable<KeyValuePair<string, string>> ForPages()
    {
        yield return new(HeaderNames.ContentSecurityPolicy, ContentSecurityPolicy);
        yield return new(HeaderNames.XContentTypeOptions, "nosniff");
        yield return new("Referrer-Policy", "no-referrer");
        yield return new("Permissions-Policy", "camera=(self), microphone=(), geolocation=(), payment=()");
        yield return new(HeaderNames.XFrameOptions, "DENY");
        yield return new(HeaderNames.CacheControl, _pageCaching);
        if (_hsts)
            yield return new(HeaderNames.StrictTransportSecurity, HstsValue);
    }

    /// <summary>Every header an answer at <paramref name="path"/> under <c>/api</c> carries.</summary>
    public IEnumerable<KeyValuePair<string, string>> ForApi(PathString path)
    {
        yield return new(HeaderNames.XContentTypeOptions, "nosniff");
        if (!IsPublicApi(path))
            yield return new(HeaderNames.CacheControl, "no-store");
        if (_hsts)
            yield return new(HeaderNames.StrictTransportSecurity, HstsValue);
    }

    /// <summary>An API answer, as opposed to a page (the pages are served under <see cref="PortalPageHandler.RoutePrefix"/>).</summary>
    public static bool IsApi(PathString path) => path.StartsWithSegments(ApiPrefix, StringComparison.OrdinalIgnoreCase)
                                                 && !path.StartsWithSegments(PortalPageHandler.RoutePrefix, StringComparison.OrdinalIgnoreCase);

    public static bool IsPublicApi(PathString path) =>
        PublicApiPaths.Any(p => path.Equals(p, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Sets the headers of <paramref name="context"/>'s answer as it starts, whatever wrote it (a function, a static file,
    /// an error handler that cleared the headers before writing).
    /// </summary>
    public void ApplyWhenStarting(HttpContext context)
    {
        var response = context.Response;
        response.OnStarting(() =>
        {
            var path = context.Request.PathBase.Add(context.Request.Path);
            foreach (var (name, value) in IsApi(path) ? ForApi(path) : ForPages())
                response.Headers[name] = value;
            return Task.CompletedTask;
        });
    }

    private static string Join(string directive, string? origin) => origin is null ? directive : $"{directive} {origin}";

    /// <summary>The scheme, host and port of an absolute http(s) address; null for a relative or empty one (same origin).</summary>
    public static string? OriginOf(string? address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
            ? uri.GetLeftPart(UriPartial.Authority)
            : null;
}
