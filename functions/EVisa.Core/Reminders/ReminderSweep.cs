using Azure.Data.Tables;
using EVisa.Core.Storage;
using Microsoft.Extensions.Logging;

namespace EVisa.Core.Reminders;

/// <summary>
/// What the reminder timer runs. For now it records each run in the <c>TimerRuns</c> table, so an operator can
/// see when the timer last fired on either host; the reminders and deadlines themselves come with their issue.
/// </summary>
public sealed class ReminderSweep(StorageTables tables, TimeProvider clock, ILogger<ReminderSweep> logger)
{
    public const string TimerName = "ReminderTimer";

    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var table = await tables.GetAsync(StorageTables.TimerRuns);
        await table.UpsertEntityAsync(new TableEntity(TimerName, "last") { ["RanAt"] = now },
            TableUpdateMode.Replace, cancellationToken);
        logger.LogInformation("Reminder sweep ran at {RanAt:o}", now);
    }
}
