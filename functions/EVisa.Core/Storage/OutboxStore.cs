using System.Net;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace EVisa.Core.Storage;

/// <summary>
/// Notifications waiting for a sender, in the <c>Outbox</c> table. The key is the application and the template, so
/// a retried status change writes its notification once; a mail sender (a later concern) drains the table.
/// </summary>
public sealed class OutboxStore(StorageTables tables, TimeProvider clock)
{
    public async Task AddAsync(string applicationId, string recipient, string templateId, object data, CancellationToken cancellationToken) =>
        await TryAddAsync(applicationId, templateId, recipient, templateId, data, cancellationToken);

    /// <summary>
    /// Writes a notification under the key (application id, <paramref name="rowKey"/>) with a conditional insert;
    /// false when that key is already there (sent by an earlier attempt or a concurrent one).
    /// </summary>
    public async Task<bool> TryAddAsync(string applicationId, string rowKey, string recipient, string templateId, object data,
        CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Outbox);
        var entity = new TableEntity(applicationId, rowKey)
        {
            ["Recipient"] = recipient,
            ["TemplateId"] = templateId,
            ["Data"] = JsonSerializer.Serialize(data, JsonSerializerOptions.Web),
            ["CreatedAt"] = clock.GetUtcNow(),
        };
        try
        {
            await table.AddEntityAsync(entity, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.Conflict)
        {
            // Written by an earlier attempt of the same step.
            return false;
        }
    }
}
