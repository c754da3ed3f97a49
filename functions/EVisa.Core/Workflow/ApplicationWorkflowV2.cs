using EVisa.Core.Telemetry;
using Microsoft.DurableTask;

namespace EVisa.Core.Workflow;

/// <summary>
/// What starts an application's orchestration (the instance id is the application id): ids and waits only, no
/// personal data, since the task hub keeps inputs in its history. The timeouts are read from configuration once, at
/// submission, so a replay after a settings change still waits as it began.
/// </summary>
/// <param name="ResumeAt">
/// Null for a new application (from the wait for confirmation); an officer's restart of a stuck one starts at
/// <see cref="ApplicationWorkflowV2.ResumeAtPayment"/> or <see cref="ApplicationWorkflowV2.ResumeAtIssue"/> as its row says.
/// Instances started before it existed have none, so they replay as they began.
/// </param>
/// <param name="RestartId">
/// The id of the officer's closure that restarted the application with this instance (null otherwise), so that closure,
/// repeated after a crash, knows the instance as its own (<see cref="StuckApplicationRecovery.RestartAsync"/>).
/// </param>
public sealed record ApplicationOrchestrationInput(string ApplicationId, TimeSpan ConfirmationTimeout, TimeSpan PaymentTimeout,
    string? ResumeAt = null, string? RestartId = null);

/// <summary>
/// The application pipeline (DESIGN.md, "The pipeline") from the point the submission left it: the application was
/// decided and recorded awaiting confirmation. Two waits and a step after each: confirmation → the checks again for
/// that day and the fee asked (<see cref="ApplicationSteps.ConfirmActivity"/>) → credited payment → the visa issued
/// (<see cref="ApplicationSteps.IssueActivity"/>); a cancellation or a timeout ends it in
/// <see cref="ApplicationSteps.EndActivity"/>. Each step records the status it causes, so an issued application
/// costs five orchestrator episodes and two activities. Deterministic: only the context's clock, no I/O here.
/// </summary>
public static class ApplicationWorkflowV2
{
    public const string OrchestratorName = "ApplicationOrchestrationV2";
    public const string ResumeAtPayment = "payment";
    public const string ResumeAtIssue = "issue";

    public static async Task<ApplicationStatus> RunAsync(TaskOrchestrationContext context, ApplicationOrchestrationInput input)
    {
        var id = input.ApplicationId;
        var log = context.CreateReplaySafeLogger(typeof(ApplicationWorkflowV2));
        using var correlation = ApplicationCorrelation.Begin(log, id);

        // R10: the applicant confirms the draft against the passport. One cancellation waiter serves both waits:
        // a cancelled waiter left in the queue could swallow a later event of the same name.
        var cancellation = ApplicationWorkflow.WaitForCancellation(context);
        if (input.ResumeAt is null)
        {
            var confirmation = await ApplicationWorkflow.WaitAsync<ApplicantConfirmed>(context, log, id, cancellation,
                input.ConfirmationTimeout);
            if (confirmation != ApplicationWorkflow.Wait.Received)
            {
                return Reached(context, await context.CallActivityAsync<ApplicationStatus>(ApplicationSteps.EndActivity,
                    new ApplicationEnd(id, ApplicationWorkflow.Ended(confirmation), context.CurrentUtcDateTime, ClosesPayment: false),
                    ApplicationWorkflow.Retry));
            }

            // R2, R3, R9, R10 for the day of confirmation, then R5: the fee, or the refusal before any fee is asked.
            var confirmed = Reached(context, await context.CallActivityAsync<ApplicationStatus>(ApplicationSteps.ConfirmActivity,
                new ApplicationConfirmed(id, context.CurrentUtcDateTime, input.PaymentTimeout), ApplicationWorkflow.Retry));
            if (confirmed != ApplicationStatus.AwaitingPayment)
                return confirmed;
        }

        // R8: the payments side raises PaymentCredited once per request. A wait that ends unpaid closes the request;
        // a payment credited just before the close wins, and the visa is issued. A restart whose fee was credited
        // already goes straight to the issue: that credit's event went to the instance that was lost.
        var paid = input.ResumeAt == ResumeAtIssue
            ? ApplicationWorkflow.Wait.Received
            : await ApplicationWorkflow.WaitAsync<PaymentCredited>(context, log, id, cancellation, input.PaymentTimeout);
        if (paid != ApplicationWorkflow.Wait.Received)
        {
            var ended = await context.CallActivityAsync<ApplicationStatus>(ApplicationSteps.EndActivity,
                new ApplicationEnd(id, ApplicationWorkflow.Ended(paid), context.CurrentUtcDateTime, ClosesPayment: true),
                ApplicationWorkflow.Retry);
            if (ended != ApplicationStatus.AwaitingPayment)
                return Reached(context, ended);
        }

        return Reached(context, await context.CallActivityAsync<ApplicationStatus>(ApplicationSteps.IssueActivity,
            new ApplicationIssue(id, context.CurrentUtcDateTime), ApplicationWorkflow.Retry));
    }

    /// <summary>
    /// Committed with the orchestration's own progress, so it says the step that recorded the status is behind it
    /// (operators and tests read it; clients read the Applications table).
    /// </summary>
    private static ApplicationStatus Reached(TaskOrchestrationContext context, ApplicationStatus status)
    {
        context.SetCustomStatus(status.ToApiName());
        return status;
    }
}
