using EVisa.Core.Payments;
using EVisa.Core.Rules;

namespace EVisa.Core.Workflow;

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
