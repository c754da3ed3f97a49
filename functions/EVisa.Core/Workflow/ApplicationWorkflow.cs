using EVisa.Core.Payments;
using EVisa.Core.Rules;
using EVisa.Core.Telemetry;
using EVisa.Core.Visas;
using Microsoft.DurableTask;
using static EVisa.Core.Workflow.ApplicationWorkflowV2;

namespace EVisa.Core.Workflow;

/// <summary>
/// What starts an application's orchestration; the instance id is the application id. The timeouts are read from
/// configuration once, at start, and travel here so that a replay after a settings change still waits as it began.
/// </summary>
public sealed record ApplicationWorkflowInput(
    string ApplicationId, string ApplicantId, ApplicationForm Form, TimeSpan ConfirmationTimeout, TimeSpan PaymentTimeout);

/// <summary>
/// The first shape of the application pipeline, which checked the application inside the orchestration and mirrored
/// each status in an activity of its own. New applications start <see cref="ApplicationWorkflowV2"/>; this one and
/// its activities stay registered so that instances started before the change finish on the code they started with
/// (README, "Versions of the orchestration"); it waits with the same helpers as <see cref="ApplicationWorkflowV2"/>,
/// which keeps them. Deterministic: only the context's clock, no I/O here;
/// every effect is an idempotent activity, retried on transient faults.
/// </summary>
public static class ApplicationWorkflow
{
    public const string OrchestratorName = "ApplicationOrchestration";
    public const string RecordStatusActivity = "RecordApplicationStatus";

    /// <summary>Activity: <see cref="IssueVisaInput"/> in, <see cref="VisaIssue"/> out (<see cref="VisaIssuer"/>).</summary>
    public const string IssueVisaActivity = "IssueVisa";

    /// <summary>Activity: <see cref="PaymentRequestInput"/> in, <see cref="PaymentRequest"/> out; idempotent per application.</summary>
    public const string RequestPaymentActivity = "RequestPayment";

    /// <summary>Activity: <see cref="ClosePaymentRequestInput"/> in, <see cref="PaymentRequestClosing"/> out.</summary>
    public const string ClosePaymentRequestActivity = "ClosePaymentRequest";

    public static async Task<ApplicationStatus> RunAsync(TaskOrchestrationContext context, ApplicationWorkflowInput input)
    {
        var id = input.ApplicationId;
        var form = input.Form;
        // Replay-safe: a line per step, not per replay; the scope carries the application id to every log below.
        var log = context.CreateReplaySafeLogger(typeof(ApplicationWorkflow));
        using var correlation = ApplicationCorrelation.Begin(log, id);

        // R2, then R3, R9, R10: every reason at once, and all before any fee is asked.
        var invitation = await context.CallActivityAsync<InvitationCheck>(InvitationConfirmation.ActivityName,
            new ConfirmInvitationInput(id, form), Retry);
        var rules = await context.CallActivityAsync<RulesCheck>(ApplicationRulesCheck.ActivityName,
            new RulesCheckInput(id, form, invitation.IntendedEntry, invitation.IntendedExit), Retry);
        List<RuleViolation> reasons = [.. invitation.Violations, .. rules.Violations];
        if (reasons.Count > 0 || rules.Draft is not { } draft || invitation.InvitationId is not { } invitationId)
            return await RecordAsync(context, input, ApplicationStatus.Refused, reasons: reasons);

        // R10: the applicant confirms the draft against the passport. One cancellation waiter serves both waits:
        // a cancelled waiter left in the queue could swallow a later event of the same name.
        await RecordAsync(context, input, ApplicationStatus.AwaitingConfirmation, draft: draft, timeout: input.ConfirmationTimeout);
        var cancellation = WaitForCancellation(context);
        var confirmation = await WaitAsync<ApplicantConfirmed>(context, log, id, cancellation, input.ConfirmationTimeout);
        if (confirmation != Wait.Received)
            return await RecordAsync(context, input, Ended(confirmation));

        // R5, R8: ask for the fee; the payments side raises PaymentCredited once per request.
        var payment = await context.CallActivityAsync<PaymentRequest>(RequestPaymentActivity,
            new PaymentRequestInput(id, form.Category.ToApiName(), form.Passport.Nationality), Retry);
        await RecordAsync(context, input, ApplicationStatus.AwaitingPayment, payment: payment, timeout: input.PaymentTimeout);
        var paid = await WaitAsync<PaymentCredited>(context, log, id, cancellation, input.PaymentTimeout);
        if (paid != Wait.Received)
        {
            var closing = await context.CallActivityAsync<PaymentRequestClosing>(ClosePaymentRequestActivity,
                new ClosePaymentRequestInput(id, payment.PaymentReference, paid == Wait.Cancelled ? "cancelled" : "expired"), Retry);
            if (closing != PaymentRequestClosing.AlreadyPaid)
                return await RecordAsync(context, input, Ended(paid));
        }

        var issue = await context.CallActivityAsync<VisaIssue>(IssueVisaActivity,
            new IssueVisaInput(id, input.ApplicantId, invitationId, draft, context.CurrentUtcDateTime), Retry);
        if (issue.VisaNumber is null)
            return await RecordAsync(context, input, ApplicationStatus.Refused, reasons: [issue.Refusal!]);
        return await RecordAsync(context, input, ApplicationStatus.Issued, visaNumber: issue.VisaNumber);
    }

    private static async Task<ApplicationStatus> RecordAsync(TaskOrchestrationContext context, ApplicationWorkflowInput input,
        ApplicationStatus status, IReadOnlyList<RuleViolation>? reasons = null, DraftVisa? draft = null,
        PaymentRequest? payment = null, string? visaNumber = null, TimeSpan? timeout = null)
    {
        await context.CallActivityAsync(RecordStatusActivity,
            new ApplicationStatusChange(input.ApplicationId, input.ApplicantId, input.Form.Email, status,
                context.CurrentUtcDateTime, reasons, draft, payment, visaNumber, timeout), Retry);
        // Committed with the orchestration's own progress, so it says the recording step is behind it (operators
        // and tests read it; clients read the Applications table).
        context.SetCustomStatus(status.ToApiName());
        return status;
    }
}
