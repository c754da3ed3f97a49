using EVisa.Core.Payments;
using EVisa.Core.Visas;
using EVisa.Core.Workflow;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace EVisa.Functions.Workflow;

/// <summary>
/// The application orchestrations and their activities, as functions; the logic lives in EVisa.Core. The first shape
/// (<see cref="ApplicationWorkflow"/>) stays registered, with every activity it calls, until no instance of it runs.
/// </summary>
public sealed class ApplicationWorkflowFunctions(
    ApplicationStatusRecording statuses,
    InvitationConfirmation invitations,
    ApplicationRulesCheck rules,
    VisaIssuer issuer,
    PaymentRequestStore payments,
    ApplicationSteps steps)
{
    [Function(ApplicationWorkflowV2.OrchestratorName)]
    public static Task<ApplicationStatus> RunOrchestrationV2(
        [OrchestrationTrigger] TaskOrchestrationContext context, ApplicationOrchestrationInput input) =>
        ApplicationWorkflowV2.RunAsync(context, input);

    // R2, R3, R9, R10, R5
    [Function(ApplicationSteps.ConfirmActivity)]
    public Task<ApplicationStatus> AcceptApplicationConfirmation([ActivityTrigger] ApplicationConfirmed input,
        CancellationToken cancellationToken) =>
        steps.ConfirmAsync(input, cancellationToken);

    [Function(ApplicationSteps.EndActivity)]
    public Task<ApplicationStatus> EndApplication([ActivityTrigger] ApplicationEnd input, CancellationToken cancellationToken) =>
        steps.EndAsync(input, cancellationToken);

    // R2, R11
    [Function(ApplicationSteps.IssueActivity)]
    public Task<ApplicationStatus> IssueApplicationVisa([ActivityTrigger] ApplicationIssue input, CancellationToken cancellationToken) =>
        steps.IssueAsync(input, cancellationToken);

    [Function(ApplicationWorkflow.OrchestratorName)]
    public static Task<ApplicationStatus> RunOrchestration(
        [OrchestrationTrigger] TaskOrchestrationContext context, ApplicationWorkflowInput input) =>
        ApplicationWorkflow.RunAsync(context, input);

    [Function(ApplicationWorkflow.RecordStatusActivity)]
    public Task RecordApplicationStatus([ActivityTrigger] ApplicationStatusChange change, CancellationToken cancellationToken) =>
        statuses.RecordAsync(change, cancellationToken);

    // R2
    [Function(InvitationConfirmation.ActivityName)]
    public Task<InvitationCheck> ConfirmInvitation([ActivityTrigger] ConfirmInvitationInput input, CancellationToken cancellationToken) =>
        invitations.ConfirmAsync(input, cancellationToken);

    // R3, R9, R10
    [Function(ApplicationRulesCheck.ActivityName)]
    public RulesCheck CheckApplicationRules([ActivityTrigger] RulesCheckInput input) => rules.Check(input);

    [Function(ApplicationWorkflow.IssueVisaActivity)]
    public Task<VisaIssue> IssueVisa([ActivityTrigger] IssueVisaInput input, CancellationToken cancellationToken) =>
        issuer.IssueForApplicationAsync(input, cancellationToken);

    [Function(ApplicationWorkflow.RequestPaymentActivity)]
    public Task<PaymentRequest> RequestPayment([ActivityTrigger] PaymentRequestInput input, CancellationToken cancellationToken) =>
        payments.RequestAsync(input, cancellationToken);

    [Function(ApplicationWorkflow.ClosePaymentRequestActivity)]
    public Task<PaymentRequestClosing> ClosePaymentRequest([ActivityTrigger] ClosePaymentRequestInput input,
        CancellationToken cancellationToken) =>
        payments.CloseAsync(input, cancellationToken);
}
