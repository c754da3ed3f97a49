using EVisa.Core.Workflow;

namespace EVisa.Core.Storage;

/// <summary>
/// An application decided at submission: <see cref="Status"/> is <c>refused</c> (with every reason) or
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
