using EVisa.Core.Documents;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace EVisa.Core.Api.Visas;

/// <summary>
/// <c>GET /api/visa-keys</c>: open to anyone, so border devices and airlines can fetch the keys once and then
/// verify seals offline (R11). The retired keys are included: visas they signed are still in travellers' hands.
/// </summary>
public sealed class VisaKeysHandler(VisaSigningKeys keys)
{
    public const string ContentType = "application/jwk-set+json";

    public IActionResult Handle(HttpRequest request)
    {
        // Keys change only on rotation; a device that caches them for an hour misses nothing it needs.
        request.HttpContext.Response.Headers.CacheControl = "public, max-age=3600";
        return new ContentResult { Content = keys.ToJwkSetJson(), ContentType = ContentType, StatusCode = StatusCodes.Status200OK };
    }
}
