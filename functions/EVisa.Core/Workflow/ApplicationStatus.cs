using EVisa.Core.Payments;
using EVisa.Core.Rules;

namespace EVisa.Core.Workflow;

/// <summary>Where an application stands (DESIGN.md, "The HTTP interface").</summary>
public enum ApplicationStatus
{
    Submitted,
    Refused,
    AwaitingConfirmation,
    AwaitingPayment,
    Issued,
    Cancelled,
    Expired,
}

/// <summary>
/// The order an application's statuses follow. A step can run again long after it first ran (the durable runtime
/// delivers an activity at least once: a work item taken before a crash comes back when its lease runs out), so a
/// status is recorded only if it moves the application forward or repeats where it stands.
/// </summary>
public static class ApplicationStatusProgress
{
    public static bool IsFinal(this ApplicationStatus status) =>
        status is ApplicationStatus.Refused or ApplicationStatus.Issued or ApplicationStatus.Cancelled or ApplicationStatus.Expired;

    /// <summary>The same status (a retried step), or a later one; never back, never from one end to another.</summary>
    public static bool MayBeFollowedBy(this ApplicationStatus current, ApplicationStatus next) =>
        current == next || (!current.IsFinal() && Stage(next) > Stage(current));

    private static int Stage(ApplicationStatus status) => status switch
    {
        ApplicationStatus.Submitted => 0,
        ApplicationStatus.AwaitingConfirmation => 1,
        ApplicationStatus.AwaitingPayment => 2,
        _ => 3,
    };
}

/// <summary>
/// A status to mirror into the <c>Applications</c> table and notify, stamped with orchestration time;
/// <paramref name="Timeout"/> is how long the orchestration waits in it (from its input, which a later settings change
/// does not alter), so reminders and the stuck check fall where the orchestration's own timer does.
/// </summary>
public sealed record ApplicationStatusChange(
    string ApplicationId,
    string ApplicantId,
    string Email,
    ApplicationStatus Status,
    DateTimeOffset At,
    IReadOnlyList<RuleViolation>? Reasons = null,
    DraftVisa? Draft = null,
    PaymentRequest? Payment = null,
    string? VisaNumber = null,
    TimeSpan? Timeout = null,
    string? Notice = null);

/// <summary>
/// The first status of an application, decided at submission: <see cref="Status"/> is <c>refused</c> (with every reason) or
/// <c>awaiting-confirmation</c> (with the draft visa and the invitation it will consume);
/// <paramref name="ConfirmationTimeout"/> is the one its orchestration starts with.
/// </summary>
public sealed record ApplicationDecided(
    string ApplicationId,
    string ApplicantId,
    string PassportKey,
    ApplicationForm Form,
    DateTimeOffset At,
    ApplicationVerdict Verdict,
    TimeSpan ConfirmationTimeout)
{
    public ApplicationStatus Status => Verdict.Accepted ? ApplicationStatus.AwaitingConfirmation : ApplicationStatus.Refused;

    /// <summary>The first status, as every later one is recorded; it waits for the confirmation timeout when accepted.</summary>
    public ApplicationStatusChange Change() => new(ApplicationId, ApplicantId, Form.Email, Status, At, Verdict.Reasons, Verdict.Draft,
        Timeout: Status == ApplicationStatus.AwaitingConfirmation ? ConfirmationTimeout : null);
}
