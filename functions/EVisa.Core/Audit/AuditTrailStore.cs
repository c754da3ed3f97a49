using System.Globalization;
using Azure.Data.Tables;
using EVisa.Core.Storage;

namespace EVisa.Core.Audit;

/// <summary>
/// The append-only <c>AuditTrail</c> table: PartitionKey = <c>resourceType|resourceId</c> (the id escaped, so any
/// route text is a valid key), RowKey = inverted ticks and a random suffix, so a partition reads newest first. Code
/// only inserts; nothing updates or deletes a record.
/// </summary>
public sealed class AuditTrailStore(StorageTables tables)
{
    public const string Table = "AuditTrail";

    /// <summary>Longer ids are cut: no route parameter the service issues comes near it.</summary>
    public const int MaxResourceIdLength = 128;

    public async Task AppendAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Table);
        var rowKey = (DateTimeOffset.MaxValue.UtcTicks - record.At.UtcTicks).ToString("D19", CultureInfo.InvariantCulture)
            + "-" + Guid.NewGuid().ToString("N");
        await table.AddEntityAsync(new TableEntity(PartitionOf(record.ResourceType, record.ResourceId), rowKey)
        {
            ["At"] = record.At,
            ["Actor"] = record.Actor,
            ["Role"] = record.Role,
            ["Action"] = record.Action,
            ["ResourceType"] = record.ResourceType,
            ["ResourceId"] = Cut(record.ResourceId),
            ["Outcome"] = record.Outcome.ToString(),
            ["Status"] = record.Status,
        }, cancellationToken);
    }

    public async Task<(IReadOnlyList<AuditRecord> Items, string? ContinuationToken)> ListAsync(string resourceType, string resourceId,
        int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Table);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PartitionOf(resourceType, resourceId)}");
        await foreach (var page in table.QueryAsync<TableEntity>(filter, maxPerPage: pageSize, cancellationToken: cancellationToken)
            .AsPages(continuationToken, pageSize))
        {
            return ([.. page.Values.Select(Read)], page.ContinuationToken);
        }

        return ([], null);
    }

    private static AuditRecord Read(TableEntity e) => new(
        e.GetDateTimeOffset("At") ?? default, e.GetString("Actor") ?? "", e.GetString("Role") ?? "", e.GetString("Action") ?? "",
        e.GetString("ResourceType") ?? "", e.GetString("ResourceId") ?? "",
        Enum.TryParse<AuditOutcome>(e.GetString("Outcome"), out var outcome) ? outcome : AuditOutcome.Failed, e.GetInt32("Status") ?? 0);

    private static string PartitionOf(string resourceType, string resourceId) =>
        Uri.EscapeDataString(resourceType) + "|" + Uri.EscapeDataString(Cut(resourceId));

    private static string Cut(string id) => id.Length <= MaxResourceIdLength ? id : id[..MaxResourceIdLength];
}
