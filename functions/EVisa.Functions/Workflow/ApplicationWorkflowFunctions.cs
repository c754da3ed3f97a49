using EVisa.Core.Storage;
using EVisa.Core.Workflow;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace EVisa.Functions.Workflow;

/// <summary>The application orchestration and its activities, as functions; the logic lives in EVisa.Core.</summary>
public sealed class ApplicationWorkflowFunctions(
    ApplicationStatusStore statuses,
    InvitationConfirmation invitations,
    ApplicationRulesCheck rules,
    VisaIssuing issuing)
{
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

    [Function(VisaIssuing.ActivityName)]
    public Task<VisaIssue> IssueVisa([ActivityTrigger] IssueVisaInput input, CancellationToken cancellationToken) =>
        issuing.IssueAsync(input, cancellationToken);
}
