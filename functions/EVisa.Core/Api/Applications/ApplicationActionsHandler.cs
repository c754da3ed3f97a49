using EVisa.Core.Identity;
using EVisa.Core.Storage;
using EVisa.Core.Telemetry;
using EVisa.Core.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EVisa.Core.Api.Applications;

/// <summary>
/// The applicant's answers to its own application: confirm the draft visa (R10) or cancel before paying. Each works
/// only in its states, judged from the mirrored status; otherwise 409 with the current status. The orchestration
/// decides the rest: an event that arrives after its wait ended changes nothing.
/// </summary>
public sealed class ApplicationActionsHandler(ApplicationStatusStore applications,
    ApplicationOrchestrationStart orchestrations, IOptions<WorkflowOptions> workflow, ILogger<ApplicationActionsHandler> logger)
{
    private const int StartPolls = 100;
    private static readonly TimeSpan StartPoll = TimeSpan.FromMilliseconds(100);

    // R10
    public Task<IActionResult> ConfirmAsync(HttpRequest request, string applicationId, DurableTaskClient durable) =>
        RaiseAsync(request, applicationId, durable, new ApplicantConfirmed(applicationId), ApplicationStatus.AwaitingConfirmation);

    public Task<IActionResult> CancelAsync(HttpRequest request, string applicationId, DurableTaskClient durable) =>
        RaiseAsync(request, applicationId, durable, new ApplicationCancelled(applicationId),
            ApplicationStatus.AwaitingConfirmation, ApplicationStatus.AwaitingPayment);

    private async Task<IActionResult> RaiseAsync<TEvent>(HttpRequest request, string applicationId, DurableTaskClient durable,
        TEvent applicationEvent, params ApplicationStatus[] allowed)
        where TEvent : class, IApplicationEvent
    {
        var eventName = TEvent.Name;
        var caller = request.HttpContext.GetCaller();
        var cancellationToken = request.HttpContext.RequestAborted;
        var application = await applications.GetAsync(applicationId, cancellationToken);
        if (application is null || application.ApplicantId != caller.Subject)
            return Problems.NotFound("application");
        ApplicationCorrelation.TagCurrentSpan(applicationId);
        if (!allowed.Contains(application.Status))
        {
            return Problems.Create(StatusCodes.Status409Conflict, "wrong-application-status",
                $"Not possible while the application is {application.Status.ToApiName()}.",
                extensions: new Dictionary<string, object?> { ["applicationStatus"] = application.Status.ToApiName() });
        }

        // The Azure Storage provider drops an event that reaches an instance before its first episode has run, and the
        // submission answers before that episode (it recorded the status itself): wait for the start, briefly.
        if (!await HasStartedAsync(durable, application, cancellationToken))
        {
            logger.LogWarning("Application {ApplicationId}: its orchestration has not started yet; {Event} not raised", applicationId, eventName);
            ApplicationStatusHandler.SetRetryAfter(request.HttpContext.Response, workflow.Value.StatusRetryAfter);
            return Problems.Create(StatusCodes.Status503ServiceUnavailable, "application-starting",
                "The application's workflow is starting; try again in a moment.");
        }

        await durable.RaiseAsync(applicationEvent, cancellationToken);
        logger.LogInformation("Application {ApplicationId}: {Event} raised", applicationId, eventName);
        var location = $"/api/applications/{applicationId}";
        // The orchestration moves the application on within a moment: the client is told when to look.
        ApplicationStatusHandler.SetRetryAfter(request.HttpContext.Response, workflow.Value.StatusRetryAfter);
        return new AcceptedResult(location, new { applicationId, application.Status, StatusUrl = location });
    }

    /// <summary>
    /// One point read when the orchestration runs already (the usual case); a short poll while it is pending. An
    /// application awaiting confirmation with no instance past the submission's grace was cut off between its row and
    /// its start (a crash): its orchestration is started here, from the row, and waited for like any other.
    /// </summary>
    private async Task<bool> HasStartedAsync(DurableTaskClient durable, ApplicationView application, CancellationToken cancellationToken)
    {
        var applicationId = application.ApplicationId;
        for (var attempt = 0; attempt < StartPolls; attempt++)
        {
            var instance = await durable.GetInstanceAsync(applicationId, getInputsAndOutputs: false, cancellationToken);
            if (instance is null && application.Status == ApplicationStatus.AwaitingConfirmation && orchestrations.PastStartGrace(application))
            {
                logger.LogWarning("Application {ApplicationId} awaits confirmation but has no orchestration; starting it from its row",
                    applicationId);
                await orchestrations.StartAsync(durable, orchestrations.InputFor(application), cancellationToken);
            }
            else if (instance is not null && instance.RuntimeStatus != OrchestrationRuntimeStatus.Pending)
            {
                return true;
            }

            await Task.Delay(StartPoll, cancellationToken);
        }

        return false;
    }
}
