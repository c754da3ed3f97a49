using System.Globalization;
using System.Text.Json;
using EVisa.Core.Payments;
using EVisa.Core.Reminders;
using EVisa.Core.Rules;
using EVisa.Core.Storage;
using EVisa.Core.Visas;
using EVisa.Core.Workflow;

namespace EVisa.Core.Notifications;

/// <summary>Whether an outbox record can be sent now.</summary>
public enum NoticeReadiness
{
    /// <summary>Rendered, with its address and language.</summary>
    Ready,

    /// <summary>What it speaks of is not written yet (it is written just after the notice); try again shortly.</summary>
    NotYet,

    /// <summary>Overtaken: a reminder for a step already done, a decision that lost a race. Not sent.</summary>
    Stale,

    /// <summary>Nobody to send it to (a record from before addresses were asked). Dead-lettered.</summary>
    NoAddress,
}

public sealed record PreparedNotice(NoticeReadiness Readiness, string? To = null, RenderedNotice? Content = null, string? Why = null);

/// <summary>
/// Renders an outbox record at send time from what is stored then: the application (its row and its applicant's
/// contact), the invitation, or the visa and its invitation. So whoever wrote the record, it reaches the address and
/// language the person gave, and a reminder for a step already taken is dropped.
/// </summary>
public sealed class NoticeRenderer(
    ApplicationStatusStore applications,
    ApplicantContactStore contacts,
    InvitationStore invitations,
    VisaStore visas,
    NoticeTemplates templates)
{
    public async Task<PreparedNotice> PrepareAsync(OutboxRecord record, CancellationToken cancellationToken)
    {
        var templateId = record.TemplateId;
        if (NoticeTemplateIds.IsForInvitation(templateId))
            return await InvitationNoticeAsync(record, cancellationToken);
        if (NoticeTemplateIds.IsForVisa(templateId))
            return await VisaNoticeAsync(record, cancellationToken);
        if (NoticeTemplateIds.All.Contains(templateId))
            return await ApplicantNoticeAsync(record, cancellationToken);
        return new PreparedNotice(NoticeReadiness.Stale, Why: "unknown-template");
    }

    private async Task<PreparedNotice> ApplicantNoticeAsync(OutboxRecord record, CancellationToken cancellationToken)
    {
        var applicationId = record.PartitionKey;
        if (await applications.GetAsync(applicationId, cancellationToken) is not { } application)
            return new PreparedNotice(NoticeReadiness.NotYet, Why: "application-not-recorded");
        // A reminder is about a step still open: one the applicant took while the mail waited is not sent.
        if (record.TemplateId == DueReminder.TemplateFor(ApplicationStatus.AwaitingConfirmation) && application.Status != ApplicationStatus.AwaitingConfirmation
            || record.TemplateId == DueReminder.TemplateFor(ApplicationStatus.AwaitingPayment) && application.Status != ApplicationStatus.AwaitingPayment)
            return new PreparedNotice(NoticeReadiness.Stale, Why: "step-taken");
        if (await contacts.GetAsync(applicationId, cancellationToken) is not { } contact)
            return new PreparedNotice(NoticeReadiness.NoAddress, Why: "no-address");

        var language = contact.Language;
        var data = record.Data;
        var reasonCodes = Strings(data, "reasons") ?? application.Reasons?.Select(r => r.Code).ToList() ?? [];
        var model = new Dictionary<string, object?>
        {
            ["reference"] = applicationId,
            ["applicationId"] = applicationId,
            ["reasons"] = reasonCodes.Distinct().Select(code => templates.Reason(language, code)).ToList(),
            ["draft"] = application.Draft is { } draft ? Draft(draft, language) : null,
            ["fee"] = Fee(data, application.Payment),
            ["visaNumber"] = String(data, "visaNumber") ?? application.VisaNumber,
            ["deadline"] = Instant(data, "deadline"),
        };
        return new PreparedNotice(NoticeReadiness.Ready, contact.Email, templates.Render(language, record.TemplateId, model));
    }

    private async Task<PreparedNotice> InvitationNoticeAsync(OutboxRecord record, CancellationToken cancellationToken)
    {
        // Written just before the decision: the invitation says whether that decision is the one that was made.
        if (await invitations.GetAsync(record.PartitionKey, cancellationToken) is not { } invitation)
            return new PreparedNotice(NoticeReadiness.Stale, Why: "no-invitation");
        var decided = invitation.Status switch
        {
            InvitationStatus.Approved => NoticeTemplateIds.InvitationApproved,
            InvitationStatus.Refused => NoticeTemplateIds.InvitationRefused,
            _ => null,
        };
        if (decided is null)
            return new PreparedNotice(NoticeReadiness.NotYet, Why: "not-decided");
        if (decided != record.TemplateId)
            return new PreparedNotice(NoticeReadiness.Stale, Why: "other-decision");
        if (invitation.ContactEmail is not { Length: > 0 } email)
            return new PreparedNotice(NoticeReadiness.NoAddress, Why: "no-address");

        var language = invitation.Language;
        var model = new Dictionary<string, object?>
        {
            ["reference"] = invitation.InvitationId,
            ["invitationNumber"] = invitation.InvitationNumber,
            ["guest"] = Guest(invitation.Guest.Surname, invitation.Guest.GivenNames),
            ["category"] = templates.Word(language, "categories", invitation.Category.ToApiName()),
            ["intendedEntry"] = Date(invitation.IntendedEntry),
            ["intendedExit"] = Date(invitation.IntendedExit),
            ["refusalReason"] = invitation.RefusalReason,
        };
        return new PreparedNotice(NoticeReadiness.Ready, email, templates.Render(language, record.TemplateId, model));
    }

    private async Task<PreparedNotice> VisaNoticeAsync(OutboxRecord record, CancellationToken cancellationToken)
    {
        if (String(record.Data, "visaNumber") is not { } visaNumber || await visas.GetAsync(visaNumber, cancellationToken) is not { } visa)
            return new PreparedNotice(NoticeReadiness.Stale, Why: "no-visa");
        if (visa.Entry is not { } entry)
            return new PreparedNotice(NoticeReadiness.NotYet, Why: "entry-not-recorded"); // the entry is written just after
        // R13: no reminder and no overdue notice once the arrival notice is filed.
        if (record.TemplateId != NoticeTemplateIds.GuestEntered && visa.ArrivalNotice?.FiledAt is not null)
            return new PreparedNotice(NoticeReadiness.Stale, Why: "notice-filed");
        if (await invitations.FindByNumberAsync(visa.InvitationNumber, cancellationToken) is not { ContactEmail: { Length: > 0 } email } invitation)
            return new PreparedNotice(NoticeReadiness.NoAddress, Why: "no-address");

        var language = invitation.Language;
        var checkpoint = Checkpoint.Find(entry.Checkpoint);
        var model = new Dictionary<string, object?>
        {
            ["reference"] = visa.VisaNumber,
            ["visaNumber"] = visa.VisaNumber,
            ["guest"] = Guest(visa.Surname, visa.GivenNames),
            ["checkpoint"] = checkpoint is null ? entry.Checkpoint : $"{CheckpointName(checkpoint, language)} ({checkpoint.Code})",
            ["enteredOn"] = Date(KazakhstanTime.DateOf(entry.At)),
            ["lastDay"] = visa.ArrivalNotice is { } notice ? Date(notice.LastDay) : null,
        };
        return new PreparedNotice(NoticeReadiness.Ready, email, templates.Render(language, record.TemplateId, model));
    }

    private Dictionary<string, object?> Draft(DraftVisa draft, NoticeLanguage language) => new()
    {
        ["surname"] = draft.Surname,
        ["givenNames"] = draft.GivenNames,
        ["passportNumber"] = draft.PassportNumber,
        ["nationality"] = draft.Nationality,
        ["dateOfBirth"] = Date(draft.DateOfBirth),
        ["sex"] = templates.Word(language, "sexes", draft.Sex),
        ["category"] = templates.Word(language, "categories", draft.Category),
        ["validFrom"] = Date(draft.ValidFrom),
        ["validUntil"] = Date(draft.ValidUntil),
        ["invitationNumber"] = draft.InvitationNumber,
    };

    /// <summary>The fee the notice names: from its own data (a credited payment), else the application's request.</summary>
    private static Dictionary<string, object?>? Fee(JsonElement data, PaymentRequest? request)
    {
        if (data.TryGetProperty("fee", out var fee) && fee.ValueKind == JsonValueKind.Object
            && fee.TryGetProperty("amountMinor", out var amount) && amount.TryGetInt64(out var minor))
            return FeeModel(minor, String(fee, "currency") ?? "", String(fee, "paymentReference"));
        return request is null ? null : FeeModel(request.AmountMinor, request.Currency, request.PaymentReference);
    }

    private static Dictionary<string, object?> FeeModel(long amountMinor, string currency, string? reference) => new()
    {
        // Two decimals, as Money shows them (USD and KZT both have 2 minor digits).
        ["amount"] = (amountMinor / 100m).ToString("0.00", CultureInfo.InvariantCulture),
        ["currency"] = currency,
        ["reference"] = reference,
    };

    private static Dictionary<string, object?> Guest(string surname, string givenNames) => new()
    {
        ["surname"] = surname,
        ["givenNames"] = givenNames,
    };

    private static string CheckpointName(Checkpoint checkpoint, NoticeLanguage language) => language switch
    {
        NoticeLanguage.Kk => checkpoint.NameKazakh,
        NoticeLanguage.Ru => checkpoint.NameRussian,
        _ => checkpoint.NameEnglish,
    };

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? Instant(JsonElement data, string name) =>
        String(data, name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
            : null;

    private static string? String(JsonElement data, string name) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static List<string>? Strings(JsonElement data, string name) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)]
            : null;
}
