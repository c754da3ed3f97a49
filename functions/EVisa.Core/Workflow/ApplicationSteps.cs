using EVisa.Core.Payments;
using EVisa.Core.Storage;
using EVisa.Core.Visas;
using Microsoft.Extensions.Logging;

namespace EVisa.Core.Workflow;

/// <param name="At">Orchestration time: the status is stamped with it, so a retry stamps the same.</param>
/// <param name="PaymentTimeout">The orchestration's payment wait, for the reminders and the stuck check.</param>
public sealed record ApplicationConfirmed(string ApplicationId, DateTimeOffset At, TimeSpan PaymentTimeout);

/// <param name="Status">Cancelled or expired.</param>
/// <param name="ClosesPayment">The wait for the payment ended: close the request first, unless it was paid just now.</param>
public sealed record ApplicationEnd(string ApplicationId, ApplicationStatus Status, DateTimeOffset At, bool ClosesPayment);

/// <param name="IssuedAt">Orchestration time, so a replayed or retried issue prints the same date.</param>
public sealed record ApplicationIssue(string ApplicationId, DateTimeOffset IssuedAt);

/// <summary>
/// The activities of <see cref="ApplicationWorkflowV2"/>. Each reads the application from its own row (the form,
/// the draft, the invitation: the orchestration carries ids only), does its work and records the status it causes
/// (<see cref="ApplicationStatusRecording"/>: its reminders, the slot it frees, the status), returning that status. Idempotent: every write is conditional or keyed by the application, so a retry after a
/// crash lands where the first attempt did.
/// </summary>
public sealed class ApplicationSteps(
    ApplicationStatusStore applications,
    ApplicationStatusRecording recording,
    ApplicationDecision decision,
    PaymentRequestStore payments,
    VisaIssuer issuer,
    ILogger<ApplicationSteps> logger)
{
    public const string ConfirmActivity = "AcceptApplicationConfirmation";
    public const string EndActivity = "EndApplication";
    public const string IssueActivity = "IssueApplicationVisa";

    /// <summary>
    /// On confirmation: the invitation may have expired or been used since the submission, and the rules of the day
    /// apply; still before any fee is asked. Then the fee is requested and the application awaits payment.
    /// </summary>
    // R2, R3, R9, R10, R5
    public async Task<ApplicationStatus> ConfirmAsync(ApplicationConfirmed input, CancellationToken cancellationToken)
    {
        var stored = await RequireAsync(input.ApplicationId, cancellationToken);
        // A retry after this step recorded its outcome, or the step delivered again after the application went on
        // (issued, even): what was recorded stands, and no fee is asked again.
        if (stored.View.Status != ApplicationStatus.AwaitingConfirmation)
            return stored.View.Status;
        var form = stored.Form!;
        var verdict = await decision.DecideAsync(input.ApplicationId, form, cancellationToken);
        if (!verdict.Accepted)
        {
            logger.LogInformation("Application {ApplicationId} refused on confirmation: {Count} reasons", input.ApplicationId, verdict.Reasons.Count);
            return await RecordAsync(Change(stored, ApplicationStatus.Refused, input.At) with { Reasons = verdict.Reasons },
                stored, cancellationToken);
        }

        var payment = await payments.RequestAsync(
            new PaymentRequestInput(input.ApplicationId, form.Category.ToApiName(), form.Passport.Nationality), cancellationToken);
        return await RecordAsync(Change(stored, ApplicationStatus.AwaitingPayment, input.At) with
        {
            Payment = payment,
            Timeout = input.PaymentTimeout,
        }, stored, cancellationToken);
    }

    /// <summary>
    /// A wait ended without the applicant's step: cancelled or expired. After the payment wait the request is closed
    /// first, by one conditional update; a payment credited just before wins, and the answer is awaiting-payment:
    /// the orchestration goes on to issue (R8: a paid fee is never dropped).
    /// </summary>
    public async Task<ApplicationStatus> EndAsync(ApplicationEnd input, CancellationToken cancellationToken)
    {
        var stored = await RequireAsync(input.ApplicationId, cancellationToken);
        if (input.ClosesPayment)
        {
            var reason = input.Status == ApplicationStatus.Cancelled ? "cancelled" : "expired";
            var closing = await payments.CloseAsync(
                new ClosePaymentRequestInput(input.ApplicationId, PaymentRequestStore.ReferenceFor(input.ApplicationId), reason), cancellationToken);
            if (closing == PaymentRequestClosing.AlreadyPaid)
            {
                logger.LogInformation("Application {ApplicationId}: paid as its payment wait ended ({Reason}); issuing", input.ApplicationId, reason);
                return ApplicationStatus.AwaitingPayment;
            }
        }

        return await RecordAsync(Change(stored, input.Status, input.At), stored, cancellationToken);
    }

    /// <summary>The credited application's visa: number, PDF, seal, the invitation consumed (<see cref="VisaIssuer"/>).</summary>
    // R2, R11
    public async Task<ApplicationStatus> IssueAsync(ApplicationIssue input, CancellationToken cancellationToken)
    {
        var stored = await RequireAsync(input.ApplicationId, cancellationToken);
        if (stored.View.Draft is not { } draft || stored.InvitationId is not { } invitationId)
            throw new InvalidOperationException($"Application {input.ApplicationId} has no draft visa or invitation to issue.");
        var issue = await issuer.IssueForApplicationAsync(
            new IssueVisaInput(input.ApplicationId, stored.View.ApplicantId, invitationId, draft, input.IssuedAt), cancellationToken);
        var status = issue.VisaNumber is null ? ApplicationStatus.Refused : ApplicationStatus.Issued;
        return await RecordAsync(Change(stored, status, input.IssuedAt) with
        {
            Reasons = issue.Refusal is { } refusal ? [refusal] : null,
            VisaNumber = issue.VisaNumber,
        }, stored, cancellationToken);
    }

    /// <summary>The status the step caused, or the one the application had already moved on to.</summary>
    private async Task<ApplicationStatus> RecordAsync(ApplicationStatusChange change, StoredApplication stored,
        CancellationToken cancellationToken) =>
        await recording.RecordAsync(change, stored, cancellationToken)
            ? change.Status
            : (await RequireAsync(change.ApplicationId, cancellationToken)).View.Status;

    private async Task<StoredApplication> RequireAsync(string applicationId, CancellationToken cancellationToken) =>
        await applications.GetStoredAsync(applicationId, cancellationToken) is { Form: not null } stored
            ? stored
            : throw new InvalidOperationException($"Application {applicationId} has no stored submission.");

    private static ApplicationStatusChange Change(StoredApplication stored, ApplicationStatus status, DateTimeOffset at) =>
        new(stored.View.ApplicationId, stored.View.ApplicantId, stored.Form!.Email, status, at);
}
