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
/// Who may call one route, written out from the README ("Roles and tokens", "The HTTP interface") and DESIGN.md
/// ("Identity and access"): the roles allowed, and which of those roles must own the resource the path names (anyone
/// else of that role gets 404, as if it did not exist).
/// </summary>
public sealed record RouteAccess(Gate Gate, IReadOnlyList<Role> Roles, IReadOnlyList<Role> OwnerScoped)
{
    private static readonly Role[] None = [];

    public static RouteAccess Anyone { get; } = new(Gate.Anyone, None, None);

    public static RouteAccess Signed { get; } = new(Gate.Signature, None, None);

    public static RouteAccess For(params Role[] roles) => new(Gate.Token, roles, None);

    public RouteAccess OwnedBy(params Role[] roles) => this with { OwnerScoped = roles };

    public bool Allows(Role role) => Gate == Gate.Anyone || Roles.Contains(role);

    /// <summary>
    /// Every route by operation id. A route missing here fails the authorization matrix, so whoever adds one has to
    /// decide who may call it.
    /// </summary>
    public static IReadOnlyDictionary<string, RouteAccess> Table { get; } = new Dictionary<string, RouteAccess>
    {
        ["GetEligibility"] = Anyone,
        ["GetVisaKeys"] = Anyone,
        ["GetHealth"] = Anyone,
        ["GetOpenApiDocument"] = Anyone,
        ["RegisterInvitation"] = For(Role.Inviter),
        ["GetInvitation"] = For(Role.Inviter, Role.Officer).OwnedBy(Role.Inviter),
        ["DecideInvitation"] = For(Role.Officer),
        // The staff console: an inviter's own invitations (the list is its own by construction), the officers' queue.
        ["ListOwnInvitations"] = For(Role.Inviter),
        ["ListPendingInvitations"] = For(Role.Officer),
        ["SubmitApplication"] = For(Role.Applicant),
        ["ListApplications"] = For(Role.Officer),
        ["ListStuckApplications"] = For(Role.Officer),
        ["GetApplication"] = For(Role.Applicant, Role.Officer).OwnedBy(Role.Applicant),
        ["ConfirmApplication"] = For(Role.Applicant).OwnedBy(Role.Applicant),
        ["CancelApplication"] = For(Role.Applicant).OwnedBy(Role.Applicant),
        ["GetVisaPdf"] = For(Role.Applicant, Role.Officer).OwnedBy(Role.Applicant),
        ["PaymentWebhook"] = Signed,
        ["ListPaymentReviews"] = For(Role.Officer),
        ["ListOverdueArrivalNotices"] = For(Role.Officer),
        ["CloseOverdueArrivalNotice"] = For(Role.Officer),
        ["ListMailDeadLetters"] = For(Role.Officer),
        ["VerifyVisa"] = For(Role.Border, Role.Officer),
        ["RecordVisaEntry"] = For(Role.Border),
        ["RecordVisaExit"] = For(Role.Border),
        // R7: its applicant only to declare a replaced passport; an officer for any reason.
        ["RevokeVisa"] = For(Role.Officer, Role.Applicant).OwnedBy(Role.Applicant),
        // R6: always refused (422) for these roles; nobody gets a 2xx.
        ["ExtendVisa"] = For(Role.Applicant, Role.Inviter, Role.Officer),
        ["FileArrivalNotice"] = For(Role.Inviter).OwnedBy(Role.Inviter),
        // The applicant portal: its configuration is public; checkout is the application's own applicant's.
        ["GetPortalConfiguration"] = Anyone,
        ["GetPortalPage"] = Anyone,
        ["StartCheckout"] = For(Role.Applicant).OwnedBy(Role.Applicant),
        // "Find my application": no token; the application number, passport number and birth date are the proof.
        ["LookupApplication"] = Anyone,
        ["LookupVisaPdf"] = Anyone,
    };
}
