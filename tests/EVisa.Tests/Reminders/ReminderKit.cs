using Azure.Data.Tables;
using EVisa.Core.Reminders;
using EVisa.Core.Storage;
using EVisa.Core.Workflow;
using EVisa.DevServer;
using EVisa.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EVisa.Tests.Reminders;

/// <summary>
/// The shared server's storage, with a due-reminder table, a stuck-application table (unless a test names the
/// server's own) and a clock of the test's own, so a test's sweep sees only the rows the test put there.
/// </summary>
internal sealed record ReminderKit(StorageTables Tables, DueReminderStore Due, string DueTable, ApplicationStatusStore Applications,
    ApplicationStatusRecording Recording,
    StuckApplicationStore Stuck, ReminderSweep Sweep, MovableClock Clock)
{
    public static async Task<ReminderKit> StartAsync(DateTimeOffset now, int pageSize = 100, WorkflowOptions? workflow = null,
        TimeSpan? stuckGrace = null, string? stuckTable = null, ILoggerFactory? logs = null)
    {
        DevServerHost server = await TestServers.SharedAsync();
        var tables = server.Services.GetRequiredService<StorageTables>();
        var clock = new MovableClock(now);
        var dueTable = "DueReminders" + Guid.NewGuid().ToString("N")[..12];
        var due = new DueReminderStore(tables, dueTable);
        var stuck = new StuckApplicationStore(tables, stuckTable ?? "StuckApplications" + Guid.NewGuid().ToString("N")[..12]);
        var outbox = new OutboxStore(tables, clock);
        var options = new ReminderOptions { PageSize = pageSize };
        if (stuckGrace is { } grace)
            options.StuckGrace = grace;
        var reminderOptions = Options.Create(options);
        var applications = new ApplicationStatusStore(tables, outbox, NullLogger<ApplicationStatusStore>.Instance);
        var recording = new ApplicationStatusRecording(applications, due, Options.Create(workflow ?? new WorkflowOptions()), reminderOptions);
        var sweep = new ReminderSweep(tables, due, outbox, applications, stuck, reminderOptions, clock,
            (logs ?? NullLoggerFactory.Instance).CreateLogger<ReminderSweep>());
        return new ReminderKit(tables, due, dueTable, applications, recording, stuck, sweep, clock);
    }

    public async Task<List<TableEntity>> RemindersAsync(string applicationId)
    {
        var outbox = await Tables.GetAsync(StorageTables.Outbox);
        var rows = new List<TableEntity>();
        await foreach (var row in outbox.QueryAsync<TableEntity>(e => e.PartitionKey == applicationId))
        {
            if (row.RowKey.StartsWith("reminder-", StringComparison.Ordinal))
                rows.Add(row);
        }

        return rows;
    }

    public async Task<List<TableEntity>> DueRowsAsync()
    {
        var table = await Tables.GetAsync(DueTable);
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>())
            rows.Add(row);
        return rows;
    }
}
