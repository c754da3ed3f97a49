using EVisa.Core.Rules;
using EVisa.Core.Storage;
using Microsoft.Extensions.Logging;

namespace EVisa.Core.Workflow;

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
