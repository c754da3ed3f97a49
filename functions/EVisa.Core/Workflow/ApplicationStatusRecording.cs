using EVisa.Core.Reminders;
using EVisa.Core.Storage;
using Microsoft.Extensions.Options;

namespace EVisa.Core.Workflow;

/// <summary>
/// What an application's new status sets off, as named steps: the reminders and stuck check of a waiting status, the
/// passport's open-application slot freed by a final one (R6), then the status itself (its row, index entry and
/// notice, <see cref="ApplicationStatusStore"/>). The steps come before the row, so a status the API shows has them
/// already; each is keyed by the application, so a retried activity repeats them harmlessly.
/// </summary>
public sealed class ApplicationStatusRecording(
    ApplicationStatusStore applications,
    DueReminderStore dueReminders,
    IOptions<WorkflowOptions> workflow,
    IOptions<ReminderOptions> reminders)
{
    public async Task<bool> RecordAsync(ApplicationStatusChange change, CancellationToken cancellationToken = default) =>
        await RecordAsync(change, await applications.GetStoredAsync(change.ApplicationId, cancellationToken), cancellationToken);

    /// <param name="current">The row as the caller just read it (null when there is none), so the step reads it once.</param>
    /// <returns>False when the application had already moved past this status (a late, redelivered step): then
    /// nothing is set off and nothing recorded.</returns>
    public async Task<bool> RecordAsync(ApplicationStatusChange change, StoredApplication? current,
        CancellationToken cancellationToken = default)
    {
        if (current is not null && !current.View.Status.MayBeFollowedBy(change.Status))
            return await applications.RecordAsync(change, current, cancellationToken);
        await Task.WhenAll(
            PlanRemindersAsync(change, cancellationToken),
            ReleaseOpenApplicationIfFinalAsync(change, current, cancellationToken));
        return await applications.RecordAsync(change, current, cancellationToken);
    }

    /// <summary>
    /// The reminders before the confirmation or payment timeout, and the look after it whether the orchestration moved
    /// on, at deterministic keys (a retry rewrites them). The orchestration's own wait when it says it: the setting
    /// may have changed since it started, and a check before its timer would be a false report.
    /// </summary>
    public async Task PlanRemindersAsync(ApplicationStatusChange change, CancellationToken cancellationToken)
    {
        var waits = change.Timeout is { } timeout
            ? new WorkflowOptions { ConfirmationTimeout = timeout, PaymentTimeout = timeout }
            : workflow.Value;
        if (DueReminder.StuckCheckFor(change.ApplicationId, change.Status, change.At, waits, reminders.Value) is { } stuckCheck)
            await dueReminders.AddAsync([.. DueReminder.Plan(change.ApplicationId, change.Email, change.Status, change.At,
                waits, reminders.Value), stuckCheck], cancellationToken);
    }

    /// <summary>R6: an application that ended frees its passport's slot for the category, if it holds it.</summary>
    private async Task ReleaseOpenApplicationIfFinalAsync(ApplicationStatusChange change, StoredApplication? current,
        CancellationToken cancellationToken)
    {
        if (change.Status.IsFinal() && current?.PassportKey is { } passportKey && current.Category is { } category)
            await applications.ReleaseOpenApplicationAsync(passportKey, category, change.ApplicationId, cancellationToken);
    }
}
