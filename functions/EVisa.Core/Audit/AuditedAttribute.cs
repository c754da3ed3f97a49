namespace EVisa.Core.Audit;

/// <summary>
/// A state-changing function of an inviter, officer or border officer: the edge appends one <see cref="AuditRecord"/>
/// per request to it, allowed or denied. The resource is <paramref name="resourceType"/> and the value of route
/// parameter <paramref name="routeParameter"/>; a creating POST names none, and its id is read from the 201's
/// <c>Location</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class AuditedAttribute(string resourceType, string? routeParameter = null) : Attribute
{
    public string ResourceType { get; } = resourceType;

    public string? RouteParameter { get; } = routeParameter;
}
