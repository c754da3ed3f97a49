using Azure.Data.Tables;
using EVisa.Core.Storage;
using EVisa.Core.Workflow;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EVisa.Core.Reminders;

/// <summary>
/// What one sweep did: reminders written to the outbox, applications newly reported stuck, and due rows dropped with
/// nothing written (the application moved on, a reminder came too late, a stuck application reported before).
/// </summary>
public sealed record ReminderSweepResult(int Sent, int Skipped, int Stuck = 0);

/// <summary>
/// What the reminder timer runs. Records each run in the <c>TimerRuns</c> table, so an operator can see when the
/// timer last fired on either host, then sends the reminders that are due: for each row of <c>DueReminders</c> due
/// by now, skipped when the application has left the status it reminds about, otherwise an outbox record under the
/// deterministic key (application id, template + kind) by conditional insert, so a reminder is written once however
/// often, late or concurrently the sweep runs; then the due row is deleted. Worked in pages, so a backlog is handled
/// across pages and a crash mid-run leaves only rows whose outbox key already guards them. A due row of kind
/// <see cref="DueReminder.StuckCheck"/> reminds no one: an application still in the status it was scheduled for has
/// lost its orchestration (failed, terminated, never started), and is reported once in <c>StuckApplications</c>.
/// </summary>
public sealed class ReminderSweep(
    StorageTables tables,
    DueReminderStore dueReminders,
    OutboxStore outbox,
    ApplicationStatusStore applications,
    StuckApplicationStore stuckApplications,
    IOptions<ReminderOptions> options,
    TimeProvider clock,
    ILogger<ReminderSweep> logger)
{
    public const string TimerName = "ReminderTimer";

    /// <param name="durable">Where a stuck application's orchestration status is read; without it, it is not.</param>
    /// <param name="cancellationToken">Stops the run between rows; the next run resumes where it stopped.</param>
    public async Task<ReminderSweepResult> RunAsync(DurableTaskClient? durable = null, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var table = await tables.GetAsync(StorageTables.TimerRuns);
        await table.UpsertEntityAsync(new TableEntity(TimerName, "last") { ["RanAt"] = now },
            TableUpdateMode.Replace, cancellationToken);
        logger.LogInformation("Reminder sweep ran at {RanAt:o}", now);

        var pageSize = Math.Max(1, options.Value.PageSize);
        int sent = 0, skipped = 0, stuck = 0;
        foreach (var shard in DueReminderStore.Shards)
        {
            while (true)
            {
                var page = await dueReminders.DueAsync(shard, now, pageSize, cancellationToken);
                if (page.Count == 0)
                    break;
                foreach (var (partitionKey, rowKey, reminder) in page)
                {
                    if (reminder.Kind == DueReminder.StuckCheck)
                    {
                        if (await ReportIfStuckAsync(reminder, now, durable, cancellationToken))
                            stuck++;
                        else
                            skipped++;
                    }
                    else if (await SendAsync(reminder, now, cancellationToken))
                        sent++;
                    else
                        skipped++;
                    await dueReminders.DeleteAsync(partitionKey, rowKey, cancellationToken);
                }
            }
        }

        if (sent + skipped + stuck > 0)
            logger.LogInformation("Reminder sweep sent {Sent} reminders, reported {Stuck} stuck applications and skipped {Skipped}",
                sent, stuck, skipped);
        return new ReminderSweepResult(sent, skipped, stuck);
    }

    private async Task<bool> ReportIfStuckAsync(DueReminder check, DateTimeOffset now, DurableTaskClient? durable,
        CancellationToken cancellationToken)
    {
        // Moved on (or gone): the orchestration did its work.
        if (await applications.GetAsync(check.ApplicationId, cancellationToken) is not { } application || application.Status != check.Status)
            return false;
        // One point read, for stuck applications only: it tells officers whether the instance failed, was terminated,
        // is still running (retrying a failing step) or never existed.
        var runtimeStatus = durable is null ? null
            : await durable.GetInstanceAsync(check.ApplicationId, getInputsAndOutputs: false, cancellationToken) is { } instance
                ? instance.RuntimeStatus.ToApiName()
                : "missing";
        if (!await stuckApplications.TryReportAsync(
                new StuckApplication(check.ApplicationId, check.Status, application.StatusChangedAt, now, runtimeStatus), cancellationToken))
            return false;
        // The id only: officers look the application up; no personal data in logs.
        logger.LogWarning("Application {ApplicationId} is stuck in {Status} since {Since:o}; its orchestration is {RuntimeStatus}",
            check.ApplicationId, check.Status.ToApiName(), application.StatusChangedAt, runtimeStatus ?? "not looked up");
        return true;
    }

    private async Task<bool> SendAsync(DueReminder reminder, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (reminder.Status is not (ApplicationStatus.AwaitingConfirmation or ApplicationStatus.AwaitingPayment))
            return false;
        // Moved on (confirmed, paid, cancelled, expired) or gone: nothing to remind.
        if ((await applications.GetAsync(reminder.ApplicationId, cancellationToken))?.Status != reminder.Status)
            return false;
        // Too late to matter: past the deadline, or a halfway reminder the last-day one has overtaken (a late run).
        if (now >= reminder.Deadline)
            return false;
        var lastDayAt = reminder.Deadline - options.Value.LastDayBefore;
        if (reminder.Kind == DueReminder.Halfway && lastDayAt > reminder.DueAt && now >= lastDayAt)
            return false;

        var data = new { reminder.ApplicationId, reminder.Kind, Status = reminder.Status.ToApiName(), reminder.Deadline };
        var written = await outbox.TryAddAsync(reminder.ApplicationId, $"{reminder.TemplateId}-{reminder.Kind}",
            reminder.Recipient, reminder.TemplateId, data, cancellationToken);
        if (written)
            logger.LogInformation("Reminder {TemplateId} ({Kind}) for application {ApplicationId}",
                reminder.TemplateId, reminder.Kind, reminder.ApplicationId);
        return written;
    }
}
