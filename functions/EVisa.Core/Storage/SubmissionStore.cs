using System.Net;
using Azure;
using Azure.Data.Tables;
using EVisa.Core.Rules;

namespace EVisa.Core.Storage;

/// <summary>What an <c>Idempotency-Key</c> stands for: the application it made, and whether the body was the same.</summary>
public sealed record IdempotencyClaim(string ApplicationId, bool SameBody);

/// <summary>
/// The conditional inserts that make submission safe to repeat: <c>IdempotencyKeys</c> (PartitionKey = applicant
/// hash, RowKey = key hash: the key is per applicant) and <c>OpenApplications</c> (PartitionKey = passport key,
/// RowKey = category: one open application per passport and category, R6).
/// </summary>
public sealed class SubmissionStore(StorageTables tables)
{
    /// <summary>Claims the key for a new application, or answers the application an earlier request with it made.</summary>
    public async Task<IdempotencyClaim> ClaimIdempotencyKeyAsync(string applicantId, string key, string bodyHash,
        string applicationId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.IdempotencyKeys);
        var partition = PassportKeys.Opaque(applicantId);
        var row = PassportKeys.Opaque(key);
        try
        {
            await table.AddEntityAsync(new TableEntity(partition, row) { ["BodyHash"] = bodyHash, ["ApplicationId"] = applicationId },
                cancellationToken);
            return new IdempotencyClaim(applicationId, true);
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.Conflict)
        {
            var existing = (await table.GetEntityAsync<TableEntity>(partition, row, cancellationToken: cancellationToken)).Value;
            return new IdempotencyClaim(existing.GetString("ApplicationId"), existing.GetString("BodyHash") == bodyHash);
        }
    }

    /// <summary>
    /// Claims the passport's slot for the category. True when it is this application's (now or from an earlier
    /// attempt of the same submission); false when another open application holds it.
    /// </summary>
    public async Task<bool> ClaimOpenApplicationAsync(string passportKey, VisaCategory category, string applicationId,
        CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.OpenApplications);
        try
        {
            await table.AddEntityAsync(new TableEntity(passportKey, category.ToApiName()) { ["ApplicationId"] = applicationId },
                cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.Conflict)
        {
            var existing = await table.GetEntityIfExistsAsync<TableEntity>(passportKey, category.ToApiName(), cancellationToken: cancellationToken);
            // Released between the insert and the read: try once more rather than refuse a free slot.
            if (!existing.HasValue)
                return await ClaimOpenApplicationAsync(passportKey, category, applicationId, cancellationToken);
            return existing.Value!.GetString("ApplicationId") == applicationId;
        }
    }
}
