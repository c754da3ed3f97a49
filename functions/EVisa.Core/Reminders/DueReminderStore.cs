using System.Globalization;
using System.Net;
using Azure;
using Azure.Data.Tables;
using EVisa.Core.Storage;
using EVisa.Core.Workflow;

namespace EVisa.Core.Reminders;

/// <summary>
/// Reminders waiting for their time, in the <c>DueReminders</c> table: PartitionKey = one of
/// <see cref="ShardCount"/> fixed shards (from the application id), RowKey = due time in UTC ticks (D19) + "-" +
/// application id + "-" + kind. "Due now" is a range query per shard (RowKey &lt; ticks of now + 1), never a scan:
/// sent rows are deleted, so each shard holds only what is still to come.
/// </summary>
public sealed class DueReminderStore(StorageTables tables, string tableName = DueReminderStore.DefaultTable)
{
    public const string DefaultTable = "DueReminders";
    public const int ShardCount = 4;

    public static IEnumerable<string> Shards => Enumerable.Range(0, ShardCount).Select(Shard);

    public async Task AddAsync(IEnumerable<DueReminder> reminders, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(tableName);
        foreach (var reminder in reminders)
        {
            var entity = new TableEntity(ShardOf(reminder.ApplicationId), RowKey(reminder))
            {
                ["ApplicationId"] = reminder.ApplicationId,
                ["Recipient"] = reminder.Recipient,
                ["Status"] = reminder.Status.ToApiName(),
                ["Kind"] = reminder.Kind,
                ["DueAt"] = reminder.DueAt,
                ["Deadline"] = reminder.Deadline,
            };
            // An upsert of a deterministic key: a retried status change schedules the same row again, not a second.
            await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
        }
    }

    /// <summary>One page of the reminders of a shard due at or before <paramref name="now"/>, earliest first.</summary>
    public async Task<IReadOnlyList<(string PartitionKey, string RowKey, DueReminder Reminder)>> DueAsync(
        string shard, DateTimeOffset now, int pageSize, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(tableName);
        var upper = Ticks(now.UtcTicks + 1);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {shard} and RowKey lt {upper}");
        await foreach (var page in table.QueryAsync<TableEntity>(filter, maxPerPage: pageSize, cancellationToken: cancellationToken).AsPages(pageSizeHint: pageSize))
        {
            return [.. page.Values.Select(e => (e.PartitionKey, e.RowKey, Read(e)))];
        }

        return [];
    }

    public async Task DeleteAsync(string partitionKey, string rowKey, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(tableName);
        try
        {
            await table.DeleteEntityAsync(partitionKey, rowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.NotFound)
        {
            // Deleted by a concurrent sweep.
        }
    }

    public static string RowKey(DueReminder reminder) =>
        $"{Ticks(reminder.DueAt.UtcTicks)}-{reminder.ApplicationId}-{reminder.Kind}";

    public static string ShardOf(string applicationId)
    {
        // A stable hash (string.GetHashCode differs per process).
        var sum = 0;
        foreach (var c in applicationId)
            sum = (sum * 31 + c) & 0x7fffffff;
        return Shard(sum % ShardCount);
    }

    private static string Shard(int index) => index.ToString("D2", CultureInfo.InvariantCulture);

    private static string Ticks(long ticks) => ticks.ToString("D19", CultureInfo.InvariantCulture);

    private static DueReminder Read(TableEntity e) => new(
        e.GetString("ApplicationId") ?? "",
        e.GetString("Recipient") ?? "",
        ApplicationStatusStore.ParseStatus(e.GetString("Status")) ?? ApplicationStatus.Submitted,
        e.GetString("Kind") ?? "",
        e.GetDateTimeOffset("DueAt") ?? DateTimeOffset.MinValue,
        e.GetDateTimeOffset("Deadline") ?? DateTimeOffset.MinValue);
}
