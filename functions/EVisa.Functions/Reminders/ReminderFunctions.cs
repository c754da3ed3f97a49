using EVisa.Core.Reminders;
using Microsoft.Azure.Functions.Worker;

namespace EVisa.Functions.Reminders;

public sealed class ReminderFunctions(ReminderSweep sweep)
{
    /// <summary>The schedule (six-field CRON, with seconds) comes from the <c>ReminderSchedule</c> setting.</summary>
    [Function(ReminderSweep.TimerName)]
    public Task Run([TimerTrigger("%ReminderSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        sweep.RunAsync(cancellationToken);
}
