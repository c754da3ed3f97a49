using System.Diagnostics.CodeAnalysis;
using EVisa.Core.Notifications;
using EVisa.Core.Payments;
using EVisa.Core.Reminders;
using EVisa.Core.Storage;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EVisa.Core.Workflow;

/// <summary>What an officer's action on a stuck application did.</summary>
public enum RecoveryOutcome
{
    Done,

    /// <summary>The application is no longer waiting for its orchestration (it ended or moved on): nothing to restart or end.</summary>
    NotWaiting,

    /// <summary>Its fee was credited: it cannot be ended (R8), only restarted to issue.</summary>
    FeePaid,
}

/// <summary>
/// An officer's two ways out for an application whose orchestration was lost (failed, terminated, never started):
/// <list type="bullet">
/// <item><b>restart</b>: a new orchestration under the application's id (the lost instance terminated if it still runs,
/// then purged), started from the application's row: the wait for confirmation, the wait for the payment, or straight to
/// the issue when the fee was credited already; its waits start afresh, with a stuck check after them.</item>
/// <item><b>end</b>: the payment request closed (refused when a payment won, R8), the instance terminated, and the
/// application recorded cancelled with the notice <c>application-ended</c>, which frees the passport's open-application
/// slot (R6) as other endings do.</item>
/// </list>
/// </summary>
public sealed class StuckApplicationRecovery(
    ApplicationStatusStore applications,
    ApplicationStatusRecording recording,
    PaymentRequestStore payments,
    DueReminderStore dueReminders,
    ApplicationOrchestrationStart orchestrations,
    IOptions<WorkflowOptions> workflow,
    IOptions<ReminderOptions> reminders,
    TimeProvider clock,
    ILogger<StuckApplicationRecovery> logger)
{
    private static readonly TimeSpan TerminationWait = TimeSpan.FromSeconds(20);

    /// <param name="restartId">
    /// The officer's closure (its claim) this restart carries out, marked on the orchestration it starts: a repeat of the
    /// same restart (a retry after a crash) finds that orchestration, running or finished, and starts no second one.
    /// </param>
    public async Task<RecoveryOutcome> RestartAsync(string applicationId, string restartId, DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        var instance = await durable.GetInstanceAsync(applicationId, getInputsAndOutputs: true, cancellationToken);
        if (instance?.Name == ApplicationWorkflowV2.OrchestratorName
            && instance.ReadInputAs<ApplicationOrchestrationInput>()?.RestartId == restartId)
        {
            // Started by this restart before it was cut short: only its stuck check may be missing (it comes after the start).
            if (!instance.IsCompleted && await WaitingAsync(applicationId, cancellationToken) is { } waiting)
                await ScheduleStuckCheckAsync(applicationId, waiting.View.Status, instance.CreatedAt, cancellationToken);
            logger.LogWarning("Application {ApplicationId}: its restart by an officer had started it already", applicationId);
            return RecoveryOutcome.Done;
        }

        if (await WaitingAsync(applicationId, cancellationToken) is not { } stored)
            return RecoveryOutcome.NotWaiting;
        var status = stored.View.Status;
        var resumeAt = status == ApplicationStatus.AwaitingConfirmation ? null
            : (await payments.GetByApplicationAsync(applicationId, cancellationToken))?.State == PaymentRequestState.Paid
                ? ApplicationWorkflowV2.ResumeAtIssue
                : ApplicationWorkflowV2.ResumeAtPayment;

        await RemoveInstanceAsync(durable, applicationId, cancellationToken);
        await orchestrations.StartAsync(durable, orchestrations.InputFor(applicationId) with { ResumeAt = resumeAt, RestartId = restartId },
            cancellationToken);
        await ScheduleStuckCheckAsync(applicationId, status, clock.GetUtcNow(), cancellationToken);
        logger.LogWarning("Application {ApplicationId} restarted by an officer from {Status} ({ResumeAt})", applicationId,
            status.ToApiName(), resumeAt ?? "confirmation");
        return RecoveryOutcome.Done;
    }

    /// <param name="again">
    /// A repeat of an end that was cut short (a retry after a crash): an application it recorded cancelled already is
    /// ended, not "no longer waiting".
    /// </param>
    public async Task<RecoveryOutcome> EndAsync(string applicationId, bool again, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var stored = await applications.GetStoredAsync(applicationId, cancellationToken);
        if (!IsWaiting(stored))
        {
            // The cancelled row is the end's last write, so everything before it (the request closed, the slot freed,
            // the notice) was done.
            return again && stored?.View.Status == ApplicationStatus.Cancelled ? RecoveryOutcome.Done : RecoveryOutcome.NotWaiting;
        }

        // R8: a credited fee is never dropped; close the request first so no payment is credited after the end.
        if (await payments.GetByApplicationAsync(applicationId, cancellationToken) is not null
            && await payments.CloseAsync(new ClosePaymentRequestInput(applicationId, PaymentRequestStore.ReferenceFor(applicationId), "ended"),
                cancellationToken) == PaymentRequestClosing.AlreadyPaid)
            return RecoveryOutcome.FeePaid;

        var instance = await durable.GetInstanceAsync(applicationId, getInputsAndOutputs: false, cancellationToken);
        if (instance is { IsCompleted: false })
            await durable.TerminateInstanceAsync(applicationId, "ended by an officer", cancellationToken);
        await recording.RecordAsync(new ApplicationStatusChange(applicationId, stored.View.ApplicantId, stored.Form?.Email ?? "",
            ApplicationStatus.Cancelled, clock.GetUtcNow(), Notice: NoticeTemplateIds.ApplicationEnded), stored, cancellationToken);
        logger.LogWarning("Application {ApplicationId} ended by an officer from {Status}", applicationId, stored.View.Status.ToApiName());
        return RecoveryOutcome.Done;
    }

    /// <summary>The new waits are the configured ones and start at <paramref name="startedAt"/>: look again after them, as for any wait.</summary>
    private async Task ScheduleStuckCheckAsync(string applicationId, ApplicationStatus status, DateTimeOffset startedAt,
        CancellationToken cancellationToken)
    {
        if (DueReminder.StuckCheckFor(applicationId, status, startedAt, workflow.Value, reminders.Value) is { } check)
            await dueReminders.AddAsync([check], cancellationToken);
    }

    /// <summary>The application, while it waits in a status its orchestration should move it from; null otherwise.</summary>
    private async Task<StoredApplication?> WaitingAsync(string applicationId, CancellationToken cancellationToken) =>
        await applications.GetStoredAsync(applicationId, cancellationToken) is var stored && IsWaiting(stored) ? stored : null;

    private static bool IsWaiting([NotNullWhen(true)] StoredApplication? stored) =>
        stored is { Form: not null, View.Status: ApplicationStatus.AwaitingConfirmation or ApplicationStatus.AwaitingPayment };

    /// <summary>The lost instance out of the way of a new one with its id: terminated if it still runs, then purged.</summary>
    private static async Task RemoveInstanceAsync(DurableTaskClient durable, string applicationId, CancellationToken cancellationToken)
    {
        var instance = await durable.GetInstanceAsync(applicationId, getInputsAndOutputs: false, cancellationToken);
        if (instance is null)
            return;
        if (!instance.IsCompleted)
        {
            await durable.TerminateInstanceAsync(applicationId, "restarted by an officer", cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TerminationWait);
            while (instance is { IsCompleted: false })
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), timeout.Token);
                instance = await durable.GetInstanceAsync(applicationId, getInputsAndOutputs: false, timeout.Token);
            }
        }

        await durable.PurgeInstanceAsync(applicationId, cancellation: cancellationToken);
    }
}
