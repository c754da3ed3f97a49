using EVisa.Core.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace EVisa.Core.Identity;

/// <summary>
/// What the edge decided about a request: the validated caller (also when its role was refused, for the audit
/// trail), and the 401/403 to answer instead of running the function, if any.
/// </summary>
public sealed record AccessDecision(Caller? Caller, IActionResult? Denial);

/// <summary>
/// Enforces a function's <see cref="RouteAccessAttribute"/>: a valid token (else 401) of one of the roles (else 403).
/// A function that declares nothing, or more than one thing, is refused: forgetting is never an open door.
/// </summary>
public sealed class AccessGate(BearerTokens tokens, ILogger<AccessGate> logger)
{
    public async Task<AccessDecision> CheckAsync(HttpContext context, string function, RouteAccessAttribute? access)
    {
        switch (access)
        {
            case PublicRouteAttribute or SignedByPaymentProviderAttribute:
                return new AccessDecision(null, null);
            case RequiresRoleAttribute required:
                var (caller, failure) = await tokens.ValidateAsync(context.Request.Headers.Authorization.ToString());
                if (caller is null)
                    return new AccessDecision(null, Problems.Unauthorized(failure!));
                if (!required.Roles.Contains(caller.Role))
                    return new AccessDecision(caller, Problems.Forbidden());
                context.SetCaller(caller);
                return new AccessDecision(caller, null);
            default:
                logger.LogError("{Function} declares no single access attribute ([RequiresRole], [PublicRoute], " +
                    "[SignedByPaymentProvider]); refused", function);
                return new AccessDecision(null, Problems.Forbidden());
        }
    }
}
