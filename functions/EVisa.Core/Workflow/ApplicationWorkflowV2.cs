using EVisa.Core.Storage;
using EVisa.Core.Telemetry;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EVisa.Core.Workflow;

/// <summary>
/// What starts an application's orchestration (the instance id is the application id): ids and waits only, no
/// personal data, since the task hub keeps inputs in its history. The timeouts are read from configuration once, at
/// submission, so a replay after a settings change still waits as it began.
/// </summary>
/// <param name="ResumeAt">
/// Null for a new application (from the wait for confirmation); an officer's restart of a stuck one starts at
/// <see cref="ApplicationWorkflowV2.ResumeAtPayment"/> or <see cref="ApplicationWorkflowV2.ResumeAtIssue"/> as its row says.
/// Instances started before it existed have none, so they replay as they began.
/// </param>
/// <param name="RestartId">
/// The id of the officer's closure that restarted the application with this instance (null otherwise), so that closure,
/// repeated after a crash, knows the instance as its own (<see cref="StuckApplicationRecovery.RestartAsync"/>).
/// </param>
public sealed record ApplicationOrchestrationInput(string ApplicationId, TimeSpan ConfirmationTimeout, TimeSpan PaymentTimeout,
    string? ResumeAt = null, string? RestartId = null);

/// <summary>
/// The application pipeline (DESIGN.md, "The pipeline") from the point the submission left it: the application was
/// decided and recorded awaiting confirmation. Two waits and a step after each: confirmation → the checks again for
/// that day and the fee asked (<see cref="ApplicationSteps.ConfirmActivity"/>) → credited payment → the visa issued
/// (<see cref="ApplicationSteps.IssueActivity"/>); a cancellation or a timeout ends it in
/// <see cref="ApplicationSteps.EndActivity"/>. Each step records the status it causes, so an issued application
/// costs five orchestrator episodes and two activities. Deterministic: only the context's clock, no I/O here. It is
/// started by <see cref="ApplicationOrchestrationStart"/>, below.
/// </summary>
public static class ApplicationWorkflowV2
{
    public const string OrchestratorName = "ApplicationOrchestrationV2";
    public const string ResumeAtPayment = "payment";
    public const string ResumeAtIssue = "issue";

    /// <summary>Storage faults are transient; a few retries with backoff outlast a throttled or restarting account.</summary>
    internal static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(
        new RetryPolicy(maxNumberOfAttempts: 5, firstRetryInterval: TimeSpan.FromSeconds(1), backoffCoefficient: 2,
            maxRetryInterval: TimeSpan.FromSeconds(30)));

    internal enum Wait
    {
        Received,
        Cancelled,
        TimedOut,
    }

    public static async Task<ApplicationStatus> RunAsync(TaskOrchestrationContext context, ApplicationOrchestrationInput input)
    {
        var id = input.ApplicationId;
        var log = context.CreateReplaySafeLogger(typeof(ApplicationWorkflowV2));
        using var correlation = ApplicationCorrelation.Begin(log, id);

        // R10: the applicant confirms the draft against the passport. One cancellation waiter serves both waits:
        // a cancelled waiter left in the queue could swallow a later event of the same name.
        var cancellation = WaitForCancellation(context);
        if (input.ResumeAt is null)
        {
            var confirmation = await WaitAsync<ApplicantConfirmed>(context, log, id, cancellation,
                input.ConfirmationTimeout);
            if (confirmation != Wait.Received)
            {
                return Reached(context, await context.CallActivityAsync<ApplicationStatus>(ApplicationSteps.EndActivity,
                    new ApplicationEnd(id, Ended(confirmation), context.CurrentUtcDateTime, ClosesPayment: false),
                    Retry));
            }

            // R2, R3, R9, R10 for the day of confirmation, then R5: the fee, or the refusal before any fee is asked.
            var confirmed = Reached(context, await context.CallActivityAsync<ApplicationStatus>(ApplicationSteps.ConfirmActivity,
                new ApplicationConfirmed(id, context.CurrentUtcDateTime, input.PaymentTimeout), Retry));
            if (confirmed != ApplicationStatus.AwaitingPayment)
                return confirmed;
        }

        // R8: the payments side raises PaymentCredited once per request. A wait that ends unpaid closes the request;
        // a payment credited just before the close wins, and the visa is issued. A restart whose fee was credited
        // already goes straight to the issue: that credit's event went to the instance that was lost.
        var paid = input.ResumeAt == ResumeAtIssue
            ? Wait.Received
            : await WaitAsync<PaymentCredited>(context, log, id, cancellation, input.PaymentTimeout);
        if (paid != Wait.Received)
        {
            var ended = await context.CallActivityAsync<ApplicationStatus>(ApplicationSteps.EndActivity,
                new ApplicationEnd(id, Ended(paid), context.CurrentUtcDateTime, ClosesPayment: true),
                Retry);
            if (ended != ApplicationStatus.AwaitingPayment)
                return Reached(context, ended);
        }

        return Reached(context, await context.CallActivityAsync<ApplicationStatus>(ApplicationSteps.IssueActivity,
            new ApplicationIssue(id, context.CurrentUtcDateTime), Retry));
    }

    /// <summary>
    /// Committed with the orchestration's own progress, so it says the step that recorded the status is behind it
    /// (operators and tests read it; clients read the Applications table).
    /// </summary>
    private static ApplicationStatus Reached(TaskOrchestrationContext context, ApplicationStatus status)
    {
        context.SetCustomStatus(status.ToApiName());
        return status;
    }

    internal static ApplicationStatus Ended(Wait wait) =>
        wait == Wait.Cancelled ? ApplicationStatus.Cancelled : ApplicationStatus.Expired;

    /// <summary>
    /// The one cancellation waiter of an instance (see <see cref="RunAsync"/> for why there is one). This and the helpers
    /// below serve the first shape (<see cref="ApplicationWorkflow"/>) too.
    /// </summary>
    internal static Task<ApplicationCancelled?> WaitForCancellation(TaskOrchestrationContext context) =>
        context.WaitForExternalEvent<ApplicationCancelled?>(ApplicationCancelled.Name);

    /// <summary>
    /// Races an event and the cancellation against a durable timer; the timer is cancelled when it loses. The event that
    /// wins is read: one addressed to another application fails the orchestration (<see cref="IApplicationEvent"/>).
    /// </summary>
    internal static async Task<Wait> WaitAsync<TEvent>(TaskOrchestrationContext context, ILogger log, string applicationId,
        Task<ApplicationCancelled?> cancellation, TimeSpan timeout)
        where TEvent : class, IApplicationEvent
    {
        var eventName = TEvent.Name;
        using var cancel = new CancellationTokenSource();
        var deadline = context.CurrentUtcDateTime + timeout;
        log.LogInformation("Orchestration waits for {Event} until {Deadline:o}", eventName, deadline);
        var received = context.WaitForExternalEvent<TEvent?>(eventName, cancel.Token);
        var timer = context.CreateTimer(deadline, cancel.Token);
        var winner = await Task.WhenAny(received, cancellation, timer);
        cancel.Cancel();
        var wait = winner == received ? Wait.Received : winner == cancellation ? Wait.Cancelled : Wait.TimedOut;
        if (wait == Wait.Received)
            EnsureAddressedTo(applicationId, eventName, await received);
        else if (wait == Wait.Cancelled)
            EnsureAddressedTo(applicationId, ApplicationCancelled.Name, await cancellation);
        log.LogInformation("Orchestration wait for {Event} ended: {Outcome}", eventName, wait);
        return wait;
    }

    /// <summary>An event in the shape raised before the records (null, or no application id) is the instance's own.</summary>
    private static void EnsureAddressedTo(string applicationId, string eventName, IApplicationEvent? received)
    {
        if (received?.ApplicationId is { } addressee && addressee != applicationId)
        {
            throw new InvalidOperationException(
                $"{eventName} for application {addressee} reached the orchestration of application {applicationId}.");
        }
    }
}

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
