using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using EVisa.Core.Api;

namespace EVisa.Core.Identity;

/// <summary>The outcome of checking a request's token and role: a caller, or the 401/403 to answer with.</summary>
public sealed record Authorization(Caller? Caller, IActionResult? Denial);

/// <summary>Every protected handler starts here: a valid token (else 401), one of the allowed roles (else 403).</summary>
public sealed class RequestAuthorizer(BearerTokens tokens)
{
    public async Task<Authorization> AuthorizeAsync(HttpRequest request, params Role[] allowed)
    {
        var (caller, failure) = await tokens.ValidateAsync(request.Headers.Authorization.ToString());
        if (caller is null)
            return new Authorization(null, Problems.Unauthorized(failure!));
        if (!allowed.Contains(caller.Role))
            return new Authorization(null, Problems.Forbidden());
        return new Authorization(caller, null);
    }
}
