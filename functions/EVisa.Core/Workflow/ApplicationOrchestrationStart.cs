using EVisa.Core.Storage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EVisa.Core.Workflow;

/// <summary>
/// Starts an accepted application's one orchestration (instance id = application id), from the submission or, when a
/// crash fell between the submission's row and its start, from that row; an officer's restart of a stuck application
/// starts it here too, where its row says (<see cref="ApplicationOrchestrationInput.ResumeAt"/>). Idempotent: an
/// instance that exists is left alone, and a concurrent start of the same id that loses is not an error.
/// </summary>
public sealed class ApplicationOrchestrationStart(IOptions<WorkflowOptions> workflow, TimeProvider clock,
    ILogger<ApplicationOrchestrationStart> logger)
{
    /// <summary>The input of a submission accepted now: the configured waits.</summary>
    public ApplicationOrchestrationInput InputFor(string applicationId) =>
        new(applicationId, workflow.Value.ConfirmationTimeout, workflow.Value.PaymentTimeout);

    /// <summary>
    /// The input for an application found awaiting confirmation with no orchestration: the confirmation wait counts from
    /// when the row says it began (reminders and the stuck check were planned from then), not from now.
    /// </summary>
    public ApplicationOrchestrationInput InputFor(ApplicationView awaiting)
    {
        var waits = workflow.Value;
        var left = waits.ConfirmationTimeout - (clock.GetUtcNow() - awaiting.StatusChangedAt);
        return new ApplicationOrchestrationInput(awaiting.ApplicationId, left > TimeSpan.Zero ? left : TimeSpan.Zero, waits.PaymentTimeout);
    }

    /// <summary>True when the row is older than the grace a submission has to start its orchestration.</summary>
    public bool PastStartGrace(ApplicationView awaiting) => clock.GetUtcNow() - awaiting.StatusChangedAt >= workflow.Value.StartGrace;

    /// <summary>Starts the orchestration unless its instance exists.</summary>
    public async Task StartOnceAsync(DurableTaskClient durable, ApplicationOrchestrationInput input, CancellationToken cancellationToken)
    {
        if (await durable.GetInstanceAsync(input.ApplicationId, getInputsAndOutputs: false, cancellationToken) is not null)
            return;
        await StartAsync(durable, input, cancellationToken);
    }

    public async Task StartAsync(DurableTaskClient durable, ApplicationOrchestrationInput input, CancellationToken cancellationToken)
    {
        try
        {
            await durable.ScheduleNewOrchestrationInstanceAsync(ApplicationWorkflowV2.OrchestratorName, input,
                new StartOrchestrationOptions(input.ApplicationId), cancellationToken);
            logger.LogInformation("Application {ApplicationId}: its orchestration started ({ResumeAt})", input.ApplicationId,
                input.ResumeAt ?? "confirmation");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A concurrent start of the same application got there first: that is the one orchestration.
            if (await durable.GetInstanceAsync(input.ApplicationId, getInputsAndOutputs: false, CancellationToken.None) is null)
                throw;
        }
    }
}
