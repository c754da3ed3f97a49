namespace EVisa.Core.Identity;

/// <summary>
/// Who may call an HTTP function, declared once on its <c>[Function]</c> method: exactly one of the attributes below.
/// The edge (<see cref="AccessGate"/>, run by a middleware in both hosts) enforces it before the function runs, and
/// the authorization matrix test reads the same attributes, so a route without one is refused and fails that test.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public abstract class RouteAccessAttribute : Attribute;

/// <summary>A bearer token of one of these roles, else 401 (no or bad token) or 403 (another role).</summary>
public sealed class RequiresRoleAttribute(params Role[] roles) : RouteAccessAttribute
{
    public IReadOnlyList<Role> Roles { get; } = roles;
}

/// <summary>No credentials: anyone may call it.</summary>
public sealed class PublicRouteAttribute : RouteAccessAttribute;

/// <summary>The payment provider's webhook: bearer tokens mean nothing, its handler checks the body's signature.</summary>
public sealed class SignedByPaymentProviderAttribute : RouteAccessAttribute;
