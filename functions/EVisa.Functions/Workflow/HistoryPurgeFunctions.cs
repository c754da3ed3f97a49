using EVisa.Core.Workflow;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace EVisa.Functions.Workflow;

public sealed class HistoryPurgeFunctions(HistoryPurge purge)
{
    [Function(HistoryPurge.TimerName)]
    public Task Run([TimerTrigger(HistoryPurge.Schedule)] TimerInfo timer, [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken) =>
        purge.RunAsync(durable, cancellationToken);
}
