using System.Net;
using Azure;
using Azure.Data.Tables;
using EVisa.Core.Storage;

namespace EVisa.Core.Notifications;

/// <summary>
/// A notice given up on: which outbox record, after how many attempts, and why, as an SMTP status code or a word
/// (never the server's text, which may quote the address).
/// </summary>
public sealed record MailDeadLetter(string OutboxPartition, string OutboxRow, string TemplateId, int Attempts, string Reason,
    DateTimeOffset CreatedAt, DateTimeOffset DeadAt);

/// <summary>
/// The dead-letter list, in <c>MailDeadLetters</c> (PartitionKey = "dead", RowKey = the outbox key): one conditional
/// insert per record, so a sender that crashed after it and tries again writes nothing twice. Officers page through it.
/// </summary>
public sealed class MailDeadLetterStore(StorageTables tables)
{
    public const string Table = "MailDeadLetters";
    private const string Partition = "dead";

    public async Task AddAsync(MailDeadLetter letter, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Table);
        try
        {
            await table.AddEntityAsync(new TableEntity(Partition, $"{letter.OutboxPartition}-{letter.OutboxRow}")
            {
                ["OutboxPartition"] = letter.OutboxPartition,
                ["OutboxRow"] = letter.OutboxRow,
                ["TemplateId"] = letter.TemplateId,
                ["Attempts"] = letter.Attempts,
                ["Reason"] = letter.Reason,
                ["CreatedAt"] = letter.CreatedAt,
                ["DeadAt"] = letter.DeadAt,
            }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.Conflict)
        {
            // Listed by an earlier attempt that stopped before marking the record.
        }
    }

    public async Task<(IReadOnlyList<MailDeadLetter> Items, string? ContinuationToken)> ListAsync(int pageSize, string? continuationToken,
        CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Table);
        await foreach (var page in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"),
            maxPerPage: pageSize, cancellationToken: cancellationToken).AsPages(continuationToken, pageSize))
        {
            return ([.. page.Values.Select(e => new MailDeadLetter(e.GetString("OutboxPartition") ?? "", e.GetString("OutboxRow") ?? "",
                e.GetString("TemplateId") ?? "", e.GetInt32("Attempts") ?? 0, e.GetString("Reason") ?? "",
                e.GetDateTimeOffset("CreatedAt") ?? default, e.GetDateTimeOffset("DeadAt") ?? default))], page.ContinuationToken);
        }

        return ([], null);
    }
}
