using EVisa.Core.Storage;
using EVisa.Core.Workflow;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace EVisa.Functions.Workflow;

/// <summary>The application orchestration and its activities, as functions; the logic lives in EVisa.Core.</summary>
public sealed class ApplicationWorkflowFunctions(ApplicationStatusStore statuses)
{
    [Function(ApplicationWorkflow.OrchestratorName)]
    public static Task<ApplicationStatus> RunOrchestration(
        [OrchestrationTrigger] TaskOrchestrationContext context, ApplicationWorkflowInput input) =>
        ApplicationWorkflow.RunAsync(context, input);

    [Function(ApplicationWorkflow.RecordStatusActivity)]
    public Task RecordApplicationStatus([ActivityTrigger] ApplicationStatusChange change, CancellationToken cancellationToken) =>
        statuses.RecordAsync(change, cancellationToken);
}
