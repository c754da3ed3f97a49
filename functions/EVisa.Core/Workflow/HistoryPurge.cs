using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EVisa.Core.Workflow;

/// <summary>
/// Deletes the durable history (inputs, events, outputs, the instance row) of orchestrations that ended, once they
/// were created longer than <see cref="WorkflowOptions.HistoryRetention"/> ago. The history holds ids, dates and
/// amounts only, but it grows with every application and nothing reads it after the end. The durable client's
/// purge by time range: the Azure Storage provider serves it, both in Azure and behind the DevServer's gRPC sidecar.
/// An application's own rows (status, visa, payment) are not the task hub's and stay.
/// </summary>
public sealed class HistoryPurge(IOptions<WorkflowOptions> workflow, TimeProvider clock, ILogger<HistoryPurge> logger)
{
    public const string TimerName = "HistoryPurgeTimer";

    /// <summary>Once a day, at 02:30 UTC: a range query over the task hub's instances, too heavy to run every few minutes.</summary>
    public const string Schedule = "0 30 2 * * *";

    /// <summary>Before the first application: every instance the service ever created is after it.</summary>
    private static readonly DateTimeOffset Floor = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly OrchestrationRuntimeStatus[] Ended =
        [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated];

    /// <returns>How many instances were purged.</returns>
    public async Task<int> RunAsync(DurableTaskClient durable, CancellationToken cancellationToken = default)
    {
        var createdBefore = clock.GetUtcNow() - workflow.Value.HistoryRetention;
        // With a lower bound: without one, the purge through the DevServer's gRPC sidecar over the Azure Storage
        // provider failed (the sidecar then asks from DateTime.MinValue).
        var result = await durable.PurgeAllInstancesAsync(new PurgeInstancesFilter(Floor, createdBefore, Ended), cancellationToken);
        logger.LogInformation("History purge: {Count} ended orchestrations created before {CreatedBefore:o} purged",
            result.PurgedInstanceCount, createdBefore);
        return result.PurgedInstanceCount;
    }
}
