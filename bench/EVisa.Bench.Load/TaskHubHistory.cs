using Azure.Data.Tables;

namespace EVisa.Bench.Load;

/// <summary>
/// Durable work done per orchestration instance, counted from the task hub's history table (the Azure Storage
/// provider's <c>{hub}History</c>): each orchestrator episode starts with an OrchestratorStarted event, each activity
/// ends with TaskCompleted or TaskFailed.
/// </summary>
public sealed record TaskHubHistory(int Instances, int Episodes, int Activities, int Events, int Timers)
{
    public double EpisodesPerInstance => (double)Episodes / Math.Max(1, Instances);
    public double ActivitiesPerInstance => (double)Activities / Math.Max(1, Instances);
    public double WorkItemsPerInstance => (double)(Episodes + Activities) / Math.Max(1, Instances);

    public static async Task<TaskHubHistory> ReadAsync(string storage, string taskHub)
    {
        var table = new TableClient(storage, taskHub + "History");
        var instances = new HashSet<string>(StringComparer.Ordinal);
        int episodes = 0, activities = 0, events = 0, timers = 0;
        await foreach (var row in table.QueryAsync<TableEntity>(select: ["PartitionKey", "EventType"]))
        {
            instances.Add(row.PartitionKey);
            switch (row.GetString("EventType"))
            {
                case "OrchestratorStarted":
                    episodes++;
                    break;
                case "TaskCompleted" or "TaskFailed":
                    activities++;
                    break;
                case "EventRaised":
                    events++;
                    break;
                case "TimerCreated":
                    timers++;
                    break;
            }
        }

        return new TaskHubHistory(instances.Count, episodes, activities, events, timers);
    }
}
