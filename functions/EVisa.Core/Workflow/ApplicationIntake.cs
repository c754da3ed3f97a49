using EVisa.Core.Rules;
using EVisa.Core.Storage;
using Microsoft.Extensions.Options;

namespace EVisa.Core.Workflow;

/// <summary>
/// A new application as the submission recorded it: its view (refused, or awaiting confirmation with the draft), and
/// for an accepted one the orchestration to start. No view when another open application holds the passport (R6).
/// </summary>
public sealed record ApplicationIntakeResult(ApplicationView? View, ApplicationOrchestrationInput? Orchestration);

/// <summary>
/// The decision at submission (R2, R3, R9, R10): the same <see cref="ApplicationDecision"/> the orchestration runs
/// again on confirmation day. A refused application is recorded with every reason and holds no open-application slot;
/// an accepted one claims the slot (R6) and is recorded awaiting confirmation, with its reminders and stuck check.
/// Each write is a conditional insert or keyed by the application id, so a repeat finishes what an interrupted
/// attempt began.
/// </summary>
public sealed class ApplicationIntake(
    ApplicationDecision decision,
    SubmissionStore submissions,
    ApplicationStatusStore applications,
    ApplicationStatusRecording recording,
    PassportKeys passportKeys,
    IOptions<WorkflowOptions> workflow,
    TimeProvider clock)
{
    public async Task<ApplicationIntakeResult> DecideAsync(string applicationId, string applicantId, ApplicationForm form,
        CancellationToken cancellationToken)
    {
        var verdict = await decision.DecideAsync(applicationId, form, cancellationToken);
        var passportKey = passportKeys.For(PassportNumber.Parse(form.Passport.Number));
        var waits = workflow.Value;
        if (verdict.Accepted)
        {
            // R6: one open application per passport and category.
            if (!await submissions.ClaimOpenApplicationAsync(passportKey, form.Category, applicationId, cancellationToken))
                return new ApplicationIntakeResult(null, null);
        }
        else
        {
            // Only an interrupted earlier attempt of this submission, decided differently, can have claimed it.
            await applications.ReleaseOpenApplicationAsync(passportKey, form.Category.ToApiName(), applicationId, cancellationToken);
        }

        var decided = new ApplicationDecided(applicationId, applicantId, passportKey, form, clock.GetUtcNow(), verdict, waits.ConfirmationTimeout);
        // Before the row, as for every later status: the reminders and stuck check of the wait for confirmation.
        await recording.PlanRemindersAsync(decided.Change(), cancellationToken);
        var view = await applications.CreateDecidedAsync(decided, cancellationToken);
        return new ApplicationIntakeResult(view, view.Status == ApplicationStatus.AwaitingConfirmation
            ? new ApplicationOrchestrationInput(applicationId, waits.ConfirmationTimeout, waits.PaymentTimeout)
            : null);
    }
}
