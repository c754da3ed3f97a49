using EVisa.Core.Reminders;
using EVisa.Core.Workflow;

namespace EVisa.Core.Notifications;

/// <summary>
/// The outbox's template ids, as its writers spell them: one per notice. The applicant's notices are keyed by the
/// application id, the inviting party's decision notices by the invitation id, the border and arrival-notice ones by
/// the visa's application id (with the visa number in their data).
/// </summary>
public static class NoticeTemplateIds
{
    public const string PaymentReceived = "payment-received";
    public const string InvitationApproved = "invitation-approved";
    public const string InvitationRefused = "invitation-refused";
    public const string GuestEntered = "guest-entered";

    /// <summary>An officer ended a stuck application: recorded cancelled, but not by the applicant.</summary>
    public const string ApplicationEnded = "application-ended";

    /// <summary>A status change's notice, e.g. <c>application-awaiting-payment</c>.</summary>
    public static string ForStatus(ApplicationStatus status) => $"application-{status.ToApiName()}";

    public static string ForDecision(bool approved) => approved ? InvitationApproved : InvitationRefused;

    /// <summary>Every template a notice may be written under; each must have texts in every language.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        .. Enum.GetValues<ApplicationStatus>().Select(ForStatus),
        PaymentReceived,
        ApplicationEnded,
        DueReminder.TemplateFor(ApplicationStatus.AwaitingConfirmation),
        DueReminder.TemplateFor(ApplicationStatus.AwaitingPayment),
        InvitationApproved,
        InvitationRefused,
        GuestEntered,
        ArrivalNoticeReminders.TemplateId,
        ArrivalNoticeReminders.OverdueTemplateId,
    ];

    public static bool IsForInvitation(string templateId) => templateId is InvitationApproved or InvitationRefused;

    public static bool IsForVisa(string templateId) =>
        templateId is GuestEntered or ArrivalNoticeReminders.TemplateId or ArrivalNoticeReminders.OverdueTemplateId;
}
