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
    public async Task AddAsync(string applicationId, string recipient, string templateId, object data, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Outbox);
        var entity = new TableEntity(applicationId, templateId)
        {
            ["Recipient"] = recipient,
            ["TemplateId"] = templateId,
            ["Data"] = JsonSerializer.Serialize(data, JsonSerializerOptions.Web),
            ["CreatedAt"] = clock.GetUtcNow(),
        };
        try
        {
            await table.AddEntityAsync(entity, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.Conflict)
        {
            // Written by an earlier attempt of the same step.
        }
    }
}
