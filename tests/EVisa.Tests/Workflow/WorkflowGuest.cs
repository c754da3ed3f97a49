using EVisa.Core.Rules;
using EVisa.Core.Storage;
using EVisa.Core.Workflow;

namespace EVisa.Tests.Workflow;

/// <summary>
/// A guest whose application the submission accepted: an approved invitation in storage, the form, and the row
/// awaiting confirmation that <see cref="ApplicationIntake"/> recorded, as <c>POST /api/applications</c> does.
/// </summary>
public sealed record WorkflowGuest(string ApplicationId, string ApplicantId, string PassportKey, ApplicationForm Form, string InvitationId)
{
    public static readonly DateOnly DateOfBirth = new(1990, 5, 1);

    /// <param name="passportExpiry">Defaults to five years from today; the visa runs from 10 to 20 days from today.</param>
    public static async Task<WorkflowGuest> AcceptedAsync(WorkflowTestHost host, Func<DateOnly, DateOnly>? passportExpiry = null)
    {
        var today = KazakhstanTime.Today(host.Clock);
        var id = Guid.NewGuid().ToString("N");
        var passportNumber = "W" + id[..8].ToUpperInvariant();
        var exit = today.AddDays(20);
        var invitations = host.Get<InvitationStore>();
        var invitation = new Invitation(id, $"inviter-{id}", VisaCategory.Tourist,
            new InvitationGuest("Li", "Wei", DateOfBirth, Sex.Male, "CHN", passportNumber), today.AddDays(10), exit, "Tourism",
            InvitationStatus.Pending, host.Clock.GetUtcNow());
        await invitations.CreateAsync(invitation, CancellationToken.None);
        var (_, approved) = await invitations.DecideAsync(id, approve: true, null, host.Clock.GetUtcNow(), CancellationToken.None);

        var passport = new PassportDetails(passportNumber, "Li", "Wei", "CHN", DateOfBirth, Sex.Male, "CHN", today.AddYears(-1),
            passportExpiry?.Invoke(exit) ?? today.AddYears(5), 6, new PassportConditionDeclaration(false, false, false),
            PassportValidityExtension.NotExtended);
        var form = new ApplicationForm(approved!.InvitationNumber!, VisaCategory.Tourist, passport, "guest@example.com");
        var applicationId = Guid.NewGuid().ToString("N");
        var applicantId = $"applicant-{id}";
        var decided = await host.Get<ApplicationIntake>().DecideAsync(applicationId, applicantId, form, CancellationToken.None);
        Assert.Equal(ApplicationStatus.AwaitingConfirmation, decided.View?.Status);
        return new WorkflowGuest(applicationId, applicantId, host.Get<PassportKeys>().For(PassportNumber.Parse(passportNumber)), form, id);
    }
}
