using Azure.Data.Tables;
using EVisa.Core.Reminders;
using EVisa.Core.Storage;
using EVisa.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EVisa.Tests.Foundation;

/// <summary>The DevServer runs timer functions on their configured CRON schedule.</summary>
public sealed class TimerTests
{
    [Fact]
    public async Task The_reminder_timer_runs_on_its_schedule()
    {
        var logs = new CapturedLogs();
        await using var server = await TestServers.StartAsync(TestServers.UniqueHub("timer"), logs,
            settings: new Dictionary<string, string?> { ["ReminderSchedule"] = "*/1 * * * * *" });
        var table = await server.Services.GetRequiredService<StorageTables>().GetAsync(StorageTables.TimerRuns);
        var started = DateTimeOffset.UtcNow;

        await Eventually.ReturnsAsync(
            () => Task.FromResult(logs.Lines.Count(l => l.Contains("Reminder sweep ran", StringComparison.Ordinal))),
            runs => runs >= 2, TimeSpan.FromSeconds(20), "two timer runs");

        var lastRun = await table.GetEntityAsync<TableEntity>(ReminderSweep.TimerName, "last");
        Assert.True(lastRun.Value.GetDateTimeOffset("RanAt") >= started);
        // Every run finished: the timer's parameters (its durable client too) bind on this host.
        Assert.DoesNotContain(logs.Lines, l => l.Contains($"Timer function {ReminderSweep.TimerName} failed", StringComparison.Ordinal));
    }
}
