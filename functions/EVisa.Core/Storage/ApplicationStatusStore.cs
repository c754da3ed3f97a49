using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;
using EVisa.Core.Notifications;
using EVisa.Core.Payments;
using EVisa.Core.Rules;
using EVisa.Core.Workflow;
using Microsoft.Extensions.Logging;

namespace EVisa.Core.Storage;

/// <summary>
/// Mirrors each application's progress into the <c>Applications</c> table (PartitionKey = application id), which the
/// API reads (clients never see the durable runtime's management API), keeps the <c>ApplicationsByStatus</c> index,
/// and writes the notification to the outbox; what a status sets off besides (reminders, the open-application slot) are
/// steps of the activity that records it (<see cref="ApplicationStatusRecording"/>). It also keeps what the application was submitted with (the form, the invitation), so the orchestration's
/// history carries ids only. Every write is an upsert, a conditional insert or a delete of a known key, so a retried activity is harmless.
/// </summary>
public sealed class ApplicationStatusStore(
    StorageTables tables,
    OutboxStore outbox,
    ILogger<ApplicationStatusStore> logger)
{
    private const string LastFailureEventId = "LastPaymentFailureEventId";
    private const string LastFailureAt = "LastPaymentFailureAt";
    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    // Enums by name, so a stored form does not depend on the order of their members.
    private static readonly JsonSerializerOptions FormJson = new(JsonSerializerOptions.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>
    /// The first row of an application, written at submission in the status the submission decided (refused, or
    /// awaiting confirmation with the draft), with its index entry and its notification (its reminders and
    /// stuck check are the intake's step before it). The row comes last, as in <see cref="RecordAsync(ApplicationStatusChange, CancellationToken)"/>;
    /// a repeat of the same submission finds it and keeps what it says.
    /// </summary>
    public async Task<ApplicationView> CreateDecidedAsync(ApplicationDecided decided, CancellationToken cancellationToken)
    {
        var status = decided.Status;
        var verdict = decided.Verdict;
        var change = decided.Change();
        // The applicant hears that the application was received, beside what was decided; the sender reads the address
        // and language at send time.
        await Task.WhenAll(
            outbox.AddAsync(decided.ApplicationId, "", NoticeTemplateIds.ForStatus(ApplicationStatus.Submitted),
                new { decided.ApplicationId }, cancellationToken),
            AnnounceAsync(change, cancellationToken));
        var entity = Entity(change);
        entity["PassportKey"] = decided.PassportKey;
        entity["Category"] = decided.Form.Category.ToApiName();
        entity["SubmittedAt"] = decided.At;
        entity["Form"] = JsonSerializer.Serialize(decided.Form, FormJson);
        entity["InvitationId"] = verdict.InvitationId;
        var table = await tables.GetAsync(StorageTables.Applications);
        try
        {
            await table.AddEntityAsync(entity, cancellationToken);
            logger.LogInformation("Application {ApplicationId} is now {Status}", decided.ApplicationId, status.ToApiName());
            return new ApplicationView(decided.ApplicationId, decided.ApplicantId, status, decided.At, decided.At, verdict.Reasons, verdict.Draft);
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.Conflict)
        {
            // Already there (a concurrent repeat of the submission): keep what it says, and its index entry only.
            var existing = (await GetAsync(decided.ApplicationId, cancellationToken))!;
            if (existing.Status != status)
                await DeleteIfExistsAsync(StorageTables.ApplicationsByStatus, status.ToApiName(), decided.ApplicationId, cancellationToken);
            return existing;
        }
    }

    public async Task<bool> RecordAsync(ApplicationStatusChange change, CancellationToken cancellationToken = default) =>
        await RecordAsync(change, await GetStoredAsync(change.ApplicationId, cancellationToken), cancellationToken);

    /// <summary>
    /// Records <paramref name="change"/> unless the application has moved past it (see
    /// <see cref="ApplicationStatusProgress"/>): a step that runs again after the application went on must not take it
    /// back. The row is written conditionally on the one read, so a status recorded meanwhile is judged again.
    /// </summary>
    /// <param name="current">The row as the caller just read it (null when there is none), so the step reads it once.</param>
    /// <returns>False when the application had moved past <paramref name="change"/> and nothing was written.</returns>
    public async Task<bool> RecordAsync(ApplicationStatusChange change, StoredApplication? current, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(StorageTables.Applications);
        var status = change.Status.ToApiName();
        var announced = false;
        while (true)
        {
            if (current is not null && !current.View.Status.MayBeFollowedBy(change.Status))
            {
                logger.LogWarning("Application {ApplicationId} is {Current}; a late step's {Status} is not recorded",
                    change.ApplicationId, current.View.Status.ToApiName(), status);
                if (announced)
                    await DeleteIfExistsAsync(StorageTables.ApplicationsByStatus, status, change.ApplicationId, cancellationToken);
                return false;
            }

            var previous = current?.View.Status.ToApiName() is { } old && old != status ? old : current?.PreviousStatus;

            // The row comes last, so that a status the API shows has its index entry and notification already; a
            // crash before it leaves an extra index row that the retry removes (PreviousStatus survives in the row),
            // never a missing one.
            await AnnounceAsync(change, cancellationToken);
            announced = true;

            var entity = Entity(change);
            entity["PreviousStatus"] = previous;
            try
            {
                if (current is null)
                    await table.UpsertEntityAsync(entity, TableUpdateMode.Merge, cancellationToken);
                else
                    await table.UpdateEntityAsync(entity, current.ETag, TableUpdateMode.Merge, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.PreconditionFailed)
            {
                // Changed since it was read (a status, a payment failure): read it again and judge anew.
                current = await GetStoredAsync(change.ApplicationId, cancellationToken);
                continue;
            }

            logger.LogInformation("Application {ApplicationId} is now {Status}", change.ApplicationId, status);
            if (previous is not null && previous != status)
                await DeleteIfExistsAsync(StorageTables.ApplicationsByStatus, previous, change.ApplicationId, cancellationToken);
            return true;
        }
    }

    /// <summary>
    /// R5: a failed payment attempt, shown on the application while it awaits payment (the status page reads this row
    /// only). Deliveries come in any order, so an older failure never replaces a newer one: conditional on the row read.
    /// </summary>
    public async Task RecordPaymentFailureAsync(string applicationId, PaymentFailure failure, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(StorageTables.Applications);
        while (true)
        {
            var found = await table.GetEntityIfExistsAsync<TableEntity>(applicationId, "", [LastFailureAt], cancellationToken);
            if (!found.HasValue || found.Value!.GetDateTimeOffset(LastFailureAt) >= failure.At)
                return;
            try
            {
                await table.UpdateEntityAsync(new TableEntity(applicationId, "")
                {
                    [LastFailureEventId] = failure.EventId,
                    [LastFailureAt] = failure.At,
                }, found.Value.ETag, TableUpdateMode.Merge, cancellationToken);
                return;
            }
            catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.PreconditionFailed)
            {
                // The row changed since it was read (a status, another failure): read again and decide anew.
            }
        }
    }

    /// <summary>
    /// The index entry and the notification: independent writes at keys of their own, so they go out together (the
    /// submission answers after them).
    /// </summary>
    private async Task AnnounceAsync(ApplicationStatusChange change, CancellationToken cancellationToken)
    {
        var status = change.Status.ToApiName();
        await Task.WhenAll(
            IndexAsync(change.ApplicationId, change.Status, change.At, cancellationToken),
            outbox.AddAsync(change.ApplicationId, change.Email, change.Notice ?? NoticeTemplateIds.ForStatus(change.Status), Notification(change),
                cancellationToken));
    }


    private static TableEntity Entity(ApplicationStatusChange change)
    {
        var entity = new TableEntity(change.ApplicationId, "")
        {
            ["ApplicantId"] = change.ApplicantId,
            ["Status"] = change.Status.ToApiName(),
            ["StatusChangedAt"] = change.At,
            [$"{change.Status}At"] = change.At, // when each status was reached, e.g. AwaitingPaymentAt
        };
        if (change.Reasons is { Count: > 0 })
            entity["Reasons"] = JsonSerializer.Serialize(change.Reasons, Json);
        if (change.Draft is not null)
            entity["DraftVisa"] = JsonSerializer.Serialize(change.Draft, Json);
        if (change.Payment is not null)
            entity["Payment"] = JsonSerializer.Serialize(change.Payment, Json);
        if (change.VisaNumber is not null)
            entity["VisaNumber"] = change.VisaNumber;
        return entity;
    }

    public async Task<ApplicationView?> GetAsync(string applicationId, CancellationToken cancellationToken = default) =>
        (await GetStoredAsync(applicationId, cancellationToken))?.View;

    /// <summary>The row with what the pipeline's steps need besides the view; null when there is none.</summary>
    public async Task<StoredApplication?> GetStoredAsync(string applicationId, CancellationToken cancellationToken = default)
    {
        if (!TableKeys.IsValid(applicationId))
            return null;
        var table = await tables.GetAsync(StorageTables.Applications);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(applicationId, "", cancellationToken: cancellationToken);
        if (!found.HasValue)
            return null;
        var entity = found.Value!;
        var failureId = entity.GetString(LastFailureEventId);
        var view = new ApplicationView(
            applicationId,
            entity.GetString("ApplicantId") ?? "",
            ParseStatus(entity.GetString("Status"))!.Value,
            entity.GetDateTimeOffset("StatusChangedAt")!.Value,
            entity.GetDateTimeOffset("SubmittedAt"),
            Read<List<RuleViolation>>(entity, "Reasons"),
            Read<DraftVisa>(entity, "DraftVisa"),
            Read<PaymentRequest>(entity, "Payment"),
            entity.GetString("VisaNumber"),
            failureId is null ? null : new PaymentFailure(failureId, entity.GetDateTimeOffset(LastFailureAt)!.Value));
        var form = entity.GetString("Form") is { } text ? JsonSerializer.Deserialize<ApplicationForm>(text, FormJson) : null;
        return new StoredApplication(view, form, entity.GetString("InvitationId"), entity.GetString("PreviousStatus"),
            entity.GetString("PassportKey"), entity.GetString("Category"))
        { ETag = entity.ETag };
    }

    /// <summary>One page of the applications in a status, from the status index: never a scan of the whole table.</summary>
    public async Task<(IReadOnlyList<ApplicationListItem> Items, string? ContinuationToken)> ListAsync(
        ApplicationStatus status, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.ApplicationsByStatus);
        var pages = table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {status.ToApiName()}"),
            maxPerPage: pageSize, cancellationToken: cancellationToken).AsPages(continuationToken, pageSize);
        await foreach (var page in pages)
        {
            var items = page.Values.Select(e => new ApplicationListItem(e.RowKey, e.GetDateTimeOffset("StatusChangedAt")!.Value)).ToList();
            return (items, page.ContinuationToken);
        }

        return ([], null);
    }

    public static ApplicationStatus? ParseStatus(string? name) =>
        ApiNames.TryParse<ApplicationStatus>(name, out var status) ? status : null;

    private async Task IndexAsync(string applicationId, ApplicationStatus status, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var index = await tables.GetAsync(StorageTables.ApplicationsByStatus);
        await index.UpsertEntityAsync(new TableEntity(status.ToApiName(), applicationId) { ["StatusChangedAt"] = at },
            TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>R6: frees the passport's slot for the category, if this application holds it (and only then).</summary>
    public async Task ReleaseOpenApplicationAsync(string passportKey, string category, string applicationId, CancellationToken cancellationToken)
    {
        var index = await tables.GetAsync(StorageTables.OpenApplications);
        var found = await index.GetEntityIfExistsAsync<TableEntity>(passportKey, category, cancellationToken: cancellationToken);
        if (!found.HasValue || found.Value!.GetString("ApplicationId") != applicationId)
            return;
        try
        {
            // Conditional on the row read, so a newer application's slot is never released by this one.
            await index.DeleteEntityAsync(passportKey, category, found.Value.ETag, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is (int)HttpStatusCode.NotFound or (int)HttpStatusCode.PreconditionFailed)
        {
        }
    }

    private async Task DeleteIfExistsAsync(string tableName, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(tableName);
        try
        {
            await table.DeleteEntityAsync(partitionKey, rowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.NotFound)
        {
        }
    }

    private static object Notification(ApplicationStatusChange change) => new
    {
        change.ApplicationId,
        Status = change.Status.ToApiName(),
        change.At,
        Reasons = change.Reasons?.Select(r => r.Code),
        Fee = change.Payment is { } p ? new { p.AmountMinor, p.Currency, p.PaymentReference } : null,
        change.VisaNumber,
    };

    private static T? Read<T>(TableEntity entity, string property) where T : class =>
        entity.GetString(property) is { } text ? JsonSerializer.Deserialize<T>(text, Json) : null;
}
