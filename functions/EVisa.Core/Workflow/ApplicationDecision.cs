using EVisa.Core.Rules;
using EVisa.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EVisa.Core.Workflow;

/// <summary>
/// What the checks say of an application: every reason against it, or the draft visa and the invitation it will
/// consume. <see cref="Accepted"/> when nothing refuses.
/// </summary>
public sealed record ApplicationVerdict(IReadOnlyList<RuleViolation> Reasons, DraftVisa? Draft, string? InvitationId)
{
    public bool Accepted => Reasons.Count == 0 && Draft is not null && InvitationId is not null;
}

/// <summary>
/// The decision on an application, made the same way at submission and again on confirmation day: the invitation
/// (R2), then eligibility and the passport (R3, R9, R10) for today, every reason at once. Reads one invitation and
/// computes the rest, so it is a plain call wherever it is needed, not a durable step of its own. Its two halves
/// follow in this file, <see cref="InvitationConfirmation"/> and <see cref="ApplicationRulesCheck"/>: classes of their
/// own because the first orchestration shape (<see cref="ApplicationWorkflow"/>) still calls each as an activity.
/// </summary>
public sealed class ApplicationDecision(InvitationConfirmation invitations, ApplicationRulesCheck rules)
{
    // R2, R3, R9, R10
    public async Task<ApplicationVerdict> DecideAsync(string applicationId, ApplicationForm form, CancellationToken cancellationToken)
    {
        var invitation = await invitations.ConfirmAsync(new ConfirmInvitationInput(applicationId, form), cancellationToken);
        var check = rules.Check(new RulesCheckInput(applicationId, form, invitation.IntendedEntry, invitation.IntendedExit));
        List<RuleViolation> reasons = [.. invitation.Violations, .. check.Violations];
        return reasons.Count > 0 || check.Draft is null || invitation.InvitationId is null
            ? new ApplicationVerdict(reasons, null, null)
            : new ApplicationVerdict(reasons, check.Draft, invitation.InvitationId);
    }
}

public sealed record ConfirmInvitationInput(string ApplicationId, ApplicationForm Form);

/// <summary>The invitation an application names, when it can be used, or every reason it cannot.</summary>
public sealed record InvitationCheck(
    string? InvitationId, DateOnly? IntendedEntry, DateOnly? IntendedExit, IReadOnlyList<RuleViolation> Violations);

/// <summary>
/// R2, the pipeline's first step: the application must name an approved, unused, unexpired invitation whose guest
/// and category match. Reads only, so a retry is harmless.
/// </summary>
public sealed class InvitationConfirmation(InvitationStore invitations, TimeProvider clock, ILogger<InvitationConfirmation> logger)
{
    public const string ActivityName = "ConfirmInvitation";

    // R2
    public async Task<InvitationCheck> ConfirmAsync(ConfirmInvitationInput input, CancellationToken cancellationToken)
    {
        var form = input.Form;
        var invitation = await invitations.FindByNumberAsync(form.InvitationNumber, cancellationToken);
        if (invitation is null)
        {
            logger.LogInformation("Application {ApplicationId}: no invitation with that number", input.ApplicationId);
            return new InvitationCheck(null, null, null,
                [new(InvitationReasons.NotFound, "No approved invitation has this number.", "R2", "invitationNumber")]);
        }

        var violations = new List<RuleViolation>();
        if (invitation.Status != InvitationStatus.Approved)
            violations.Add(new(InvitationReasons.NotApproved, "The invitation is not approved by the migration service.", "R2", "invitationNumber"));
        if (invitation.UsedByApplicationId is { } usedBy && usedBy != input.ApplicationId)
            violations.Add(new(InvitationReasons.Used, "The invitation was already used for a visa.", "R2", "invitationNumber"));
        if (invitation.IsExpiredOn(KazakhstanTime.Today(clock)))
            violations.Add(new(InvitationReasons.Expired, "The invitation expired at its intended exit date.", "R2", "invitationNumber"));
        if (invitation.Category != form.Category)
            violations.Add(new(InvitationReasons.CategoryMismatch, $"The invitation is for a {invitation.Category.ToApiName()} visa.", "R2", "category"));

        var guest = invitation.Guest;
        var passport = form.Passport;
        void Compare(bool same, string field, string what)
        {
            if (!same)
                violations.Add(new(InvitationReasons.GuestMismatch, $"The {what} differs from the invited guest's.", "R2", field));
        }

        Compare(SameName(guest.Surname, passport.Surname), "passport.surname", "surname");
        Compare(SameName(guest.GivenNames, passport.GivenNames), "passport.givenNames", "given names");
        Compare(guest.DateOfBirth == passport.DateOfBirth, "passport.dateOfBirth", "date of birth");
        Compare(guest.Nationality == passport.Nationality, "passport.nationality", "nationality");
        Compare(PassportNumber.Same(guest.PassportNumber, passport.Number), "passport.number", "passport number");

        logger.LogInformation("Application {ApplicationId}: invitation {InvitationId} checked, {Count} reasons against",
            input.ApplicationId, invitation.InvitationId, violations.Count);
        return new InvitationCheck(invitation.InvitationId, invitation.IntendedEntry, invitation.IntendedExit, violations);
    }

    // Names compared as the MRZ spells them, so case, apostrophes and spacing do not count as differences.
    private static bool SameName(string a, string b) => MrzText.NameComponent(a) == MrzText.NameComponent(b);
}

public sealed record RulesCheckInput(string ApplicationId, ApplicationForm Form, DateOnly? IntendedEntry, DateOnly? IntendedExit);

/// <summary>Every reason the rules refuse, or the draft visa when none does.</summary>
public sealed record RulesCheck(IReadOnlyList<RuleViolation> Violations, DraftVisa? Draft);

/// <summary>
/// The pipeline's second step: eligibility (R3), the passport (R9, R10) and the visa's validity from the invitation's
/// dates, all at once so a refusal lists every reason; then the draft visa with its MRV-A lines.
/// </summary>
public sealed class ApplicationRulesCheck(
    TimeProvider clock, IOptions<PassportRuleOptions> passportOptions, IOptions<VisaValidityOptions> visaOptions)
{
    public const string ActivityName = "CheckApplicationRules";

    // R3, R9, R10
    public RulesCheck Check(RulesCheckInput input)
    {
        var today = KazakhstanTime.Today(clock);
        var form = input.Form;
        var violations = new List<RuleViolation>(EligibilityRules.Check(form.Passport.Nationality, form.Category));

        VisaValidity? validity = null;
        if (input.IntendedEntry is { } entry && input.IntendedExit is { } exit)
        {
            var outcome = VisaValidityRules.FromInvitation(entry, exit, today, visaOptions.Value);
            violations.AddRange(outcome.Violations);
            validity = outcome.Value;
        }

        // Without a usable invitation there is no visa end date, so R9.3 cannot be judged yet: the minimum date
        // makes it pass, and the invitation's own reason already refuses.
        var visaEnd = validity?.ValidUntil ?? input.IntendedExit ?? DateOnly.MinValue;
        violations.AddRange(PassportRules.Check(form.Passport, visaEnd, today, passportOptions.Value));

        if (violations.Count > 0 || validity is null)
            return new RulesCheck(violations, null);
        return new RulesCheck(violations, Draft(form, validity));
    }

    private static DraftVisa Draft(ApplicationForm form, VisaValidity validity)
    {
        var p = form.Passport;
        var mrz = MrvA.Write(new MrvAData(p.Number, p.Surname, p.GivenNames, p.Nationality, p.DateOfBirth, p.Sex, validity.ValidUntil));
        return new DraftVisa(form.InvitationNumber, form.Category.ToApiName(), validity.Entries, validity.ValidFrom, validity.ValidUntil,
            Checkpoint.PermittedCodes, p.Surname, p.GivenNames, PassportNumber.Parse(p.Number).Value, p.Nationality, p.DateOfBirth, p.Sex.ToLetter(),
            [mrz.Line1, mrz.Line2]);
    }
}
