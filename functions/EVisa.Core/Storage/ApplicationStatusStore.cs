using Azure.Data.Tables;
using EVisa.Core.Workflow;
using Microsoft.Extensions.Logging;

namespace EVisa.Core.Storage;

/// <summary>An application as the API shows it.</summary>
public sealed record ApplicationView(string ApplicationId, string ApplicantId, ApplicationStatus Status, DateTimeOffset StatusChangedAt);

/// <summary>
/// Mirrors each application's status into the <c>Applications</c> table, which the API reads (clients never see
/// the durable runtime's management API). Upserts are idempotent, so a retried activity is harmless.
/// </summary>
public sealed class ApplicationStatusStore(StorageTables tables, ILogger<ApplicationStatusStore> logger)
{
    public async Task RecordAsync(ApplicationStatusChange change, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(StorageTables.Applications);
        var entity = new TableEntity(change.ApplicationId, "")
        {
            ["ApplicantId"] = change.ApplicantId,
            ["Status"] = change.Status.ToApiName(),
            ["StatusChangedAt"] = change.At,
        };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Merge, cancellationToken);
        logger.LogInformation("Application {ApplicationId} is now {Status}", change.ApplicationId, change.Status.ToApiName());
    }

    public async Task<ApplicationView?> GetAsync(string applicationId, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(StorageTables.Applications);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(applicationId, "", cancellationToken: cancellationToken);
        if (!found.HasValue)
            return null;
        var entity = found.Value!;
        var status = entity.GetString("Status");
        return new ApplicationView(applicationId, entity.GetString("ApplicantId"),
            Enum.GetValues<ApplicationStatus>().Single(s => s.ToApiName() == status),
            entity.GetDateTimeOffset("StatusChangedAt")!.Value);
    }
}
