using Microsoft.DurableTask;

namespace EVisa.Core.Workflow;

/// <summary>What starts an application's orchestration; the instance id is the application id.</summary>
public sealed record ApplicationWorkflowInput(string ApplicationId, string ApplicantId, TimeSpan ConfirmationTimeout);

/// <summary>A status to mirror into the <c>Applications</c> table, stamped with orchestration time.</summary>
public sealed record ApplicationStatusChange(string ApplicationId, string ApplicantId, ApplicationStatus Status, DateTimeOffset At);

/// <summary>
/// The application pipeline (DESIGN.md, "The pipeline"). Deterministic: only the context's clock, no I/O here;
/// every effect is an activity. This first slice waits for the applicant's confirmation, raced against a
/// durable timer; the invitation, rules, payment and issue steps plug in around it.
/// </summary>
public static class ApplicationWorkflow
{
    public const string OrchestratorName = "ApplicationOrchestration";
    public const string RecordStatusActivity = "RecordApplicationStatus";
    public const string ApplicantConfirmedEvent = "ApplicantConfirmed";

    public static async Task<ApplicationStatus> RunAsync(TaskOrchestrationContext context, ApplicationWorkflowInput input)
    {
        await RecordAsync(context, input, ApplicationStatus.AwaitingConfirmation);

        var confirmed = await WaitForEventAsync(context, ApplicantConfirmedEvent, input.ConfirmationTimeout);
        var status = confirmed ? ApplicationStatus.AwaitingPayment : ApplicationStatus.Expired;
        await RecordAsync(context, input, status);
        return status;
    }

    /// <summary>Races an external event against a durable timer; the loser is cancelled so no timer lingers.</summary>
    private static async Task<bool> WaitForEventAsync(TaskOrchestrationContext context, string eventName, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource();
        var received = context.WaitForExternalEvent<object?>(eventName, cancel.Token);
        var timer = context.CreateTimer(context.CurrentUtcDateTime + timeout, cancel.Token);
        var winner = await Task.WhenAny(received, timer);
        cancel.Cancel();
        return winner == received;
    }

    private static Task RecordAsync(TaskOrchestrationContext context, ApplicationWorkflowInput input, ApplicationStatus status) =>
        context.CallActivityAsync(RecordStatusActivity,
            new ApplicationStatusChange(input.ApplicationId, input.ApplicantId, status, context.CurrentUtcDateTime));
}
