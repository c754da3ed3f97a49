using EVisa.Core.Identity;

namespace EVisa.Tests.Faults;

/// <summary>How a route authenticates its caller.</summary>
public enum Gate
{
    /// <summary>No credentials at all (eligibility, the visa keys, health, the OpenAPI document).</summary>
    Anyone,

    /// <summary>A bearer token of one of <see cref="RouteAccess.Roles"/>.</summary>
    Token,

    /// <summary>The payment provider's signature over the body; bearer tokens mean nothing (the webhook).</summary>
    Signature,
}

/// <summary>
/// Who may call one route, as its function declares it (<c>[RequiresRole]</c>, <c>[PublicRoute]</c>,
/// <c>[SignedByPaymentProvider]</c>, the attributes the edge enforces in both hosts), and which of those roles must own
/// the resource the path names (anyone else of that role gets 404, as if it did not exist): ownership is the handler's
/// check, so it is written out here from the README ("Roles and tokens", "The HTTP interface").
/// </summary>
public sealed record RouteAccess(Gate Gate, IReadOnlyList<Role> Roles, IReadOnlyList<Role> OwnerScoped)
{
    private static readonly Role[] None = [];

    public bool Allows(Role role) => Gate == Gate.Anyone || Roles.Contains(role);

    /// <summary>
    /// The roles that see only their own resource on a route (the others of the route's roles see any). Declared before
    /// <see cref="Table"/>, which reads it when the type initializes.
    /// </summary>
    public static IReadOnlyDictionary<string, Role[]> Owners { get; } = new Dictionary<string, Role[]>
    {
        ["GetInvitation"] = [Role.Inviter],
        ["GetApplication"] = [Role.Applicant],
        ["ConfirmApplication"] = [Role.Applicant],
        ["CancelApplication"] = [Role.Applicant],
        ["GetVisaPdf"] = [Role.Applicant],
        // R7: its applicant only to declare a replaced passport; an officer for any reason.
        ["RevokeVisa"] = [Role.Applicant],
        ["FileArrivalNotice"] = [Role.Inviter],
        // The applicant portal: checkout is the application's own applicant's.
        ["StartCheckout"] = [Role.Applicant],
    };

    /// <summary>
    /// Every HTTP function that declares who may call it, by function (operation) id, read from the same attributes the
    /// edge enforces. A function that declares nothing is missing here, so the authorization matrix fails for it.
    /// </summary>
    public static IReadOnlyDictionary<string, RouteAccess> Table { get; } = Declarations.Http
        .Where(d => d.Access is not null)
        .ToDictionary(d => d.Name, d => d.Access switch
        {
            PublicRouteAttribute => new RouteAccess(Gate.Anyone, None, None),
            SignedByPaymentProviderAttribute => new RouteAccess(Gate.Signature, None, None),
            RequiresRoleAttribute required => new RouteAccess(Gate.Token, required.Roles, Owners.GetValueOrDefault(d.Name, None)),
            _ => throw new InvalidOperationException($"{d.Name}: unknown access {d.Access}"),
        });
}
