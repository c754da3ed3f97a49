using System.Net;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using EVisa.Core.Notifications;
using EVisa.Core.Payments;
using EVisa.Core.Reminders;
using EVisa.Core.Rules;
using EVisa.Core.Workflow;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EVisa.Core.Storage;

/// <summary>An application as the API shows it.</summary>
public sealed record ApplicationView(
    string ApplicationId,
    string ApplicantId,
    ApplicationStatus Status,
    DateTimeOffset StatusChangedAt,
    DateTimeOffset? SubmittedAt = null,
    IReadOnlyList<RuleViolation>? Reasons = null,
    DraftVisa? Draft = null,
    PaymentRequest? Payment = null,
    string? VisaNumber = null);

/// <summary>One row of an officer's list of applications in a status.</summary>
public sealed record ApplicationListItem(string ApplicationId, DateTimeOffset StatusChangedAt);

/// <summary>
/// Mirrors each application's progress into the <c>Applications</c> table (PartitionKey = application id), which the
/// API reads (clients never see the durable runtime's management API), keeps the <c>ApplicationsByStatus</c> index,
/// writes the notification to the outbox, schedules the reminders and stuck checks of <c>DueReminders</c> and releases the passport's open-application slot when the application
/// ends. Every write is an upsert, a conditional insert or a delete of a known key, so a retried activity is harmless.
/// </summary>
public sealed class ApplicationStatusStore(
    StorageTables tables,
    OutboxStore outbox,
    DueReminderStore dueReminders,
    IOptions<WorkflowOptions> workflow,
    IOptions<ReminderOptions> reminders,
    ILogger<ApplicationStatusStore> logger)
{
    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    /// <summary>The first row of an application, written at submission; a repeat (same idempotency key) changes nothing.</summary>
    public async Task CreateAsync(string applicationId, string applicantId, string passportKey, VisaCategory category,
        DateTimeOffset at, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Applications);
        var entity = new TableEntity(applicationId, "")
        {
            ["ApplicantId"] = applicantId,
            ["PassportKey"] = passportKey,
            ["Category"] = category.ToApiName(),
            ["Status"] = ApplicationStatus.Submitted.ToApiName(),
            ["SubmittedAt"] = at,
            ["StatusChangedAt"] = at,
        };
        await IndexAsync(applicationId, ApplicationStatus.Submitted, at, cancellationToken);
        // Before the row, like every notice: the sender finds the address with the application (read at send time).
        await outbox.AddAsync(applicationId, "", NoticeTemplateIds.ForStatus(ApplicationStatus.Submitted), new { applicationId }, cancellationToken);
        // Issue 7: an orchestration that never starts or dies in its first steps leaves the application submitted.
        await dueReminders.AddAsync([DueReminder.StuckCheckFor(applicationId, ApplicationStatus.Submitted, at, workflow.Value, reminders.Value)!],
            cancellationToken);
        try
        {
            await table.AddEntityAsync(entity, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.Conflict)
        {
            // Already there (an interrupted submission repeated): keep what it says, and its index entry only.
            if ((await GetAsync(applicationId, cancellationToken))?.Status is not ApplicationStatus.Submitted)
                await DeleteIfExistsAsync(StorageTables.ApplicationsByStatus, ApplicationStatus.Submitted.ToApiName(), applicationId, cancellationToken);
        }
    }

    public async Task RecordAsync(ApplicationStatusChange change, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(StorageTables.Applications);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(change.ApplicationId, "", cancellationToken: cancellationToken);
        var current = found.HasValue ? found.Value! : null;
        var status = change.Status.ToApiName();
        var previous = current?.GetString("Status") is { } old && old != status ? old : current?.GetString("PreviousStatus");

        // The row comes last, so that a status the API shows has its index entry and notification already; a crash
        // before it leaves an extra index row that the retry removes (PreviousStatus survives in the row), never a
        // missing one.
        await IndexAsync(change.ApplicationId, change.Status, change.At, cancellationToken);
        await outbox.AddAsync(change.ApplicationId, change.Email, NoticeTemplateIds.ForStatus(change.Status), Notification(change), cancellationToken);
        // Issue 7: the reminders before the confirmation or payment timeout, and the look after it whether the
        // orchestration moved on, at deterministic keys (a retry rewrites them). The orchestration's own wait when it
        // says it: the setting may have changed since it started, and a check before its timer would be a false report.
        var waits = change.Timeout is { } timeout
            ? new WorkflowOptions { ConfirmationTimeout = timeout, PaymentTimeout = timeout }
            : workflow.Value;
        if (DueReminder.StuckCheckFor(change.ApplicationId, change.Status, change.At, waits, reminders.Value) is { } stuckCheck)
            await dueReminders.AddAsync([.. DueReminder.Plan(change.ApplicationId, change.Email, change.Status, change.At,
                waits, reminders.Value), stuckCheck], cancellationToken);
        if (IsFinal(change.Status) && current?.GetString("PassportKey") is { } passportKey && current.GetString("Category") is { } category)
            await ReleaseOpenApplicationAsync(passportKey, category, change.ApplicationId, cancellationToken);
        logger.LogInformation("Application {ApplicationId} is now {Status}", change.ApplicationId, status);

        var entity = new TableEntity(change.ApplicationId, "")
        {
            ["ApplicantId"] = change.ApplicantId,
            ["Status"] = status,
            ["PreviousStatus"] = previous,
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
        await table.UpsertEntityAsync(entity, TableUpdateMode.Merge, cancellationToken);
        if (previous is not null && previous != status)
            await DeleteIfExistsAsync(StorageTables.ApplicationsByStatus, previous, change.ApplicationId, cancellationToken);
    }

    public async Task<ApplicationView?> GetAsync(string applicationId, CancellationToken cancellationToken = default)
    {
        if (!TableKeys.IsValid(applicationId))
            return null;
        var table = await tables.GetAsync(StorageTables.Applications);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(applicationId, "", cancellationToken: cancellationToken);
        if (!found.HasValue)
            return null;
        var entity = found.Value!;
        return new ApplicationView(
            applicationId,
            entity.GetString("ApplicantId") ?? "",
            ParseStatus(entity.GetString("Status"))!.Value,
            entity.GetDateTimeOffset("StatusChangedAt")!.Value,
            entity.GetDateTimeOffset("SubmittedAt"),
            Read<List<RuleViolation>>(entity, "Reasons"),
            Read<DraftVisa>(entity, "DraftVisa"),
            Read<PaymentRequest>(entity, "Payment"),
            entity.GetString("VisaNumber"));
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

    private static bool IsFinal(ApplicationStatus status) =>
        status is ApplicationStatus.Refused or ApplicationStatus.Issued or ApplicationStatus.Cancelled or ApplicationStatus.Expired;

    private async Task IndexAsync(string applicationId, ApplicationStatus status, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var index = await tables.GetAsync(StorageTables.ApplicationsByStatus);
        await index.UpsertEntityAsync(new TableEntity(status.ToApiName(), applicationId) { ["StatusChangedAt"] = at },
            TableUpdateMode.Replace, cancellationToken);
    }

    private async Task ReleaseOpenApplicationAsync(string passportKey, string category, string applicationId, CancellationToken cancellationToken)
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
