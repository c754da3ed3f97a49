using Azure.Data.Tables;
using EVisa.Core.Storage;
using EVisa.Core.Workflow;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EVisa.Core.Reminders;

/// <summary>What one sweep did: reminders written to the outbox, and due rows dropped without a reminder.</summary>
public sealed record ReminderSweepResult(int Sent, int Skipped);

/// <summary>
/// What the reminder timer runs. Records each run in the <c>TimerRuns</c> table, so an operator can see when the
/// timer last fired on either host, then sends the reminders that are due: for each row of <c>DueReminders</c> due
/// by now, skipped when the application has left the status it reminds about, otherwise an outbox record under the
/// deterministic key (application id, template + kind) by conditional insert, so a reminder is written once however
/// often, late or concurrently the sweep runs; then the due row is deleted. Worked in pages, so a backlog is handled
/// across pages and a crash mid-run leaves only rows whose outbox key already guards them.
/// </summary>
public sealed class ReminderSweep(
    StorageTables tables,
    DueReminderStore dueReminders,
    OutboxStore outbox,
    ApplicationStatusStore applications,
    IOptions<ReminderOptions> options,
    TimeProvider clock,
    ILogger<ReminderSweep> logger)
{
    public const string TimerName = "ReminderTimer";

    public async Task<ReminderSweepResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var table = await tables.GetAsync(StorageTables.TimerRuns);
        await table.UpsertEntityAsync(new TableEntity(TimerName, "last") { ["RanAt"] = now },
            TableUpdateMode.Replace, cancellationToken);
        logger.LogInformation("Reminder sweep ran at {RanAt:o}", now);

        var pageSize = Math.Max(1, options.Value.PageSize);
        int sent = 0, skipped = 0;
        foreach (var shard in DueReminderStore.Shards)
        {
            while (true)
            {
                var page = await dueReminders.DueAsync(shard, now, pageSize, cancellationToken);
                if (page.Count == 0)
                    break;
                foreach (var (partitionKey, rowKey, reminder) in page)
                {
                    if (await SendAsync(reminder, now, cancellationToken))
                        sent++;
                    else
                        skipped++;
                    await dueReminders.DeleteAsync(partitionKey, rowKey, cancellationToken);
                }
            }
        }

        if (sent + skipped > 0)
            logger.LogInformation("Reminder sweep sent {Sent} reminders and skipped {Skipped}", sent, skipped);
        return new ReminderSweepResult(sent, skipped);
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
