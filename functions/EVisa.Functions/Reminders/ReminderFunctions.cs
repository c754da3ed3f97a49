using EVisa.Core.Reminders;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace EVisa.Functions.Reminders;

public sealed class ReminderFunctions(ReminderSweep sweep, ArrivalNoticeReminders arrivalNotices)
{
    /// <summary>The schedule (six-field CRON, with seconds) comes from the <c>ReminderSchedule</c> setting.</summary>
    [Function(ReminderSweep.TimerName)]
    public async Task Run([TimerTrigger("%ReminderSchedule%")] TimerInfo timer, [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        await sweep.RunAsync(durable, cancellationToken); // the client tells a stuck application's orchestration status
        await arrivalNotices.RunAsync(cancellationToken: cancellationToken); // R13
    }
}
