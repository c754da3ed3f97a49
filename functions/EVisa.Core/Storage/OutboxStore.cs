using System.Globalization;
using System.Net;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using EVisa.Core.Reminders;

namespace EVisa.Core.Storage;

/// <summary>One notification of the <c>Outbox</c> table, as the sender reads it.</summary>
/// <param name="Attempts">Sending attempts so far.</param>
/// <param name="ClaimedUntil">A sender is at work on it until then; another leaves it alone.</param>
public sealed record OutboxRecord(
    string PartitionKey,
    string RowKey,
    string TemplateId,
    JsonElement Data,
    DateTimeOffset CreatedAt,
    int Attempts,
    DateTimeOffset? ClaimedUntil,
    DateTimeOffset? SentAt,
    DateTimeOffset? DeadAt,
    DateTimeOffset? SkippedAt,
    ETag ETag)
{
    public bool IsDone => SentAt is not null || DeadAt is not null || SkippedAt is not null;
}

/// <summary>A row of the pending index: which outbox record to try, from when.</summary>
public sealed record PendingMail(string PartitionKey, string RowKey, string OutboxPartition, string OutboxRow,
    DateTimeOffset DueAt, DateTimeOffset WrittenAt);

/// <summary>
/// Notifications waiting for a sender, in the <c>Outbox</c> table (PartitionKey = application, invitation or visa
/// subject, RowKey = template [+ kind]): a retried step writes its notification once. Every record is written with its
/// row in the pending index (<see cref="DefaultPendingTable"/>), keyed like <c>DueReminders</c>: PartitionKey = one
/// of four shards, RowKey = when to try it (UTC ticks, D19) + "-" + the outbox key, so "due now" is one range query
/// per shard and sent records leave the index. The index row is written first: a crash between the two writes
/// leaves an index row without a record, which the sender drops after a grace, never a record nobody sends.
/// </summary>
public sealed class OutboxStore(StorageTables tables, TimeProvider clock, string pendingTable = OutboxStore.DefaultPendingTable)
{
    public const string DefaultPendingTable = "OutboxPending";

    public async Task AddAsync(string applicationId, string recipient, string templateId, object data, CancellationToken cancellationToken) =>
        await TryAddAsync(applicationId, templateId, recipient, templateId, data, cancellationToken);

    /// <summary>
    /// Writes a notification under the key (<paramref name="partitionKey"/>, <paramref name="rowKey"/>) with a
    /// conditional insert; false when that key is already there (written by an earlier attempt or a concurrent one).
    /// The recipient is kept for reading; the sender takes the address and language from the stored subject at send time.
    /// </summary>
    public async Task<bool> TryAddAsync(string partitionKey, string rowKey, string recipient, string templateId, object data,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await SchedulePendingAsync(partitionKey, rowKey, now, now, cancellationToken);
        var table = await tables.GetAsync(StorageTables.Outbox);
        var entity = new TableEntity(partitionKey, rowKey)
        {
            ["Recipient"] = recipient,
            ["TemplateId"] = templateId,
            ["Data"] = JsonSerializer.Serialize(data, JsonSerializerOptions.Web),
            ["CreatedAt"] = now,
            ["Attempts"] = 0,
        };
        try
        {
            await table.AddEntityAsync(entity, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.Conflict)
        {
            // Written by an earlier attempt of the same step; the index row just written finds it sent or sends it.
            return false;
        }
    }

    public async Task<OutboxRecord?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Outbox);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken);
        if (!found.HasValue)
            return null;
        var e = found.Value!;
        using var data = JsonDocument.Parse(e.GetString("Data") ?? "{}");
        return new OutboxRecord(e.PartitionKey, e.RowKey, e.GetString("TemplateId") ?? "", data.RootElement.Clone(),
            e.GetDateTimeOffset("CreatedAt") ?? e.Timestamp ?? DateTimeOffset.MinValue, e.GetInt32("Attempts") ?? 0,
            e.GetDateTimeOffset("ClaimedUntil"), e.GetDateTimeOffset("SentAt"), e.GetDateTimeOffset("DeadAt"),
            e.GetDateTimeOffset("SkippedAt"), e.ETag);
    }

    /// <summary>
    /// Counts an attempt and holds the record for one sender until <paramref name="until"/>, conditional on the version
    /// read: of two senders that read it at once, one gets it. Null when another got it first.
    /// </summary>
    public async Task<OutboxRecord?> TryClaimAsync(OutboxRecord record, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Outbox);
        var attempts = record.Attempts + 1;
        try
        {
            var response = await table.UpdateEntityAsync(new TableEntity(record.PartitionKey, record.RowKey)
            {
                ["Attempts"] = attempts,
                ["ClaimedUntil"] = until,
            }, record.ETag, TableUpdateMode.Merge, cancellationToken);
            return record with { Attempts = attempts, ClaimedUntil = until, ETag = response.Headers.ETag ?? ETag.All };
        }
        catch (RequestFailedException e) when (e.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Records how an attempt ended: sent (with the Message-ID), given up, skipped, or failed for now.</summary>
    public async Task MarkAsync(OutboxRecord record, string outcome, DateTimeOffset at, string? detail, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Outbox);
        var entity = new TableEntity(record.PartitionKey, record.RowKey)
        {
            ["ClaimedUntil"] = at, // a null would not clear it in a merge
            ["LastAttemptAt"] = at,
            ["LastOutcome"] = outcome,
            ["LastDetail"] = detail,
        };
        if (outcome == OutboxOutcomes.Sent)
            entity["SentAt"] = at;
        else if (outcome == OutboxOutcomes.Dead)
            entity["DeadAt"] = at;
        else if (outcome == OutboxOutcomes.Skipped)
            entity["SkippedAt"] = at;
        await table.UpsertEntityAsync(entity, TableUpdateMode.Merge, cancellationToken);
    }

    /// <summary>One page of the pending rows of a shard due at or before <paramref name="now"/>, earliest first.</summary>
    public async Task<(IReadOnlyList<PendingMail> Rows, string? ContinuationToken)> DueAsync(string shard, DateTimeOffset now,
        int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(pendingTable);
        var upper = Ticks(now.UtcTicks + 1);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {shard} and RowKey lt {upper}");
        await foreach (var page in table.QueryAsync<TableEntity>(filter, maxPerPage: pageSize, cancellationToken: cancellationToken)
            .AsPages(continuationToken, pageSize))
        {
            return ([.. page.Values.Select(e => new PendingMail(e.PartitionKey, e.RowKey, e.GetString("OutboxPartition") ?? "",
                e.GetString("OutboxRow") ?? "", e.GetDateTimeOffset("DueAt") ?? now, e.GetDateTimeOffset("WrittenAt") ?? now))],
                page.ContinuationToken);
        }

        return ([], null);
    }

    /// <summary>Moves a pending row to a later time: the new row first, so a crash between leaves two, never none.</summary>
    public async Task RescheduleAsync(PendingMail pending, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        await SchedulePendingAsync(pending.OutboxPartition, pending.OutboxRow, dueAt, pending.WrittenAt, cancellationToken);
        await DeletePendingAsync(pending, cancellationToken);
    }

    public async Task DeletePendingAsync(PendingMail pending, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(pendingTable);
        try
        {
            await table.DeleteEntityAsync(pending.PartitionKey, pending.RowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.NotFound)
        {
            // Deleted by a concurrent sweep.
        }
    }

    private async Task SchedulePendingAsync(string partitionKey, string rowKey, DateTimeOffset dueAt, DateTimeOffset writtenAt,
        CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(pendingTable);
        await table.UpsertEntityAsync(new TableEntity(DueReminderStore.ShardOf(partitionKey), $"{Ticks(dueAt.UtcTicks)}-{partitionKey}-{rowKey}")
        {
            ["OutboxPartition"] = partitionKey,
            ["OutboxRow"] = rowKey,
            ["DueAt"] = dueAt,
            ["WrittenAt"] = writtenAt,
        }, TableUpdateMode.Replace, cancellationToken);
    }

    private static string Ticks(long ticks) => ticks.ToString("D19", CultureInfo.InvariantCulture);
}

/// <summary>How an outbox record's last attempt ended, as the <c>LastOutcome</c> column says it.</summary>
public static class OutboxOutcomes
{
    public const string Sent = "sent";
    public const string Retrying = "retrying";
    public const string Dead = "dead";
    public const string Skipped = "skipped";
}
