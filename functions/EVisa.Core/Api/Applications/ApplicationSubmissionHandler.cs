using System.Security.Cryptography;
using EVisa.Core.Identity;
using EVisa.Core.Lookup;
using EVisa.Core.Notifications;
using EVisa.Core.Storage;
using EVisa.Core.Telemetry;
using EVisa.Core.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EVisa.Core.Api.Applications;

/// <summary>
/// <c>POST /api/applications</c> (R5): validates the form, honours <c>Idempotency-Key</c> (per applicant), decides at
/// once (<see cref="ApplicationIntake"/>: refused with every reason, or awaiting confirmation with the draft visa; R6
/// refuses a second open application for the same passport and category) and answers 201 with the same view
/// <c>GET /api/applications/{id}</c> gives. An accepted application starts the one orchestration whose instance id is
/// the application id, at the wait for confirmation. Every step is a conditional insert or a check-then-start, so a
/// repeated request finishes what an interrupted one began instead of starting a second application.
/// </summary>
public sealed class ApplicationSubmissionHandler(
    SubmissionStore submissions,
    ApplicationStatusStore applications,
    ApplicationIntake intake,
    LookupKeys lookupKeys,
    ApplicantContactStore contacts,
    IOptions<WorkflowOptions> workflow,
    ILogger<ApplicationSubmissionHandler> logger)
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public async Task<IActionResult> HandleAsync(HttpRequest request, DurableTaskClient durable)
    {
        var caller = request.HttpContext.GetCaller();
        var key = request.Headers[IdempotencyHeader].ToString();
        if (key.Length > 200)
        {
            return Problems.Validation(new Dictionary<string, string[]>
            {
                [IdempotencyHeader] = ["Must be at most 200 characters."],
            });
        }

        var (body, problem) = await RequestBodies.ReadObjectAsync(request);
        if (body is null)
            return problem!;
        var (form, errors) = ApplicationFormReader.Read(body.Root);
        if (form is null)
            return Problems.Validation(errors);

        var cancellationToken = request.HttpContext.RequestAborted;
        var applicationId = Guid.NewGuid().ToString("N");
        ApplicationView? view = null;
        if (key.Length > 0)
        {
            var claim = await submissions.ClaimIdempotencyKeyAsync(caller.Subject, key,
                Convert.ToHexStringLower(SHA256.HashData(body.Bytes)), applicationId, cancellationToken);
            if (!claim.SameBody)
            {
                return Problems.Create(StatusCodes.Status409Conflict, "idempotency-key-reused",
                    "This Idempotency-Key was used with a different body.");
            }

            // A repeat of a submission that got as far as its row answers what that row says, and only a first
            // attempt (or one interrupted before its row) decides, so a repeat after the application ended cannot
            // take the passport's slot back for it.
            if (claim.ApplicationId != applicationId)
            {
                applicationId = claim.ApplicationId;
                view = await applications.GetAsync(applicationId, cancellationToken);
                if (view?.Status == ApplicationStatus.AwaitingConfirmation)
                    await StartOnceAsync(durable, applicationId, cancellationToken);
            }
        }

        ApplicationCorrelation.TagCurrentSpan(applicationId);
        if (view is null)
        {
            // Before the row, so that every application has the key "find my application" checks, and the address and
            // language its notices go to (read by the mail sender at send time).
            await Task.WhenAll(
                lookupKeys.RecordAsync(applicationId, form.Passport.Number, form.Passport.DateOfBirth, cancellationToken),
                contacts.SaveAsync(applicationId, new NoticeContact(form.Email, form.Language), cancellationToken));
            var decided = await intake.DecideAsync(applicationId, caller.Subject, form, cancellationToken);
            if (decided.View is null)
            {
                logger.LogInformation("Submission refused: an open application exists for that passport and category");
                return Problems.Create(StatusCodes.Status409Conflict, "duplicate-application",
                    "An application for this passport and category is already open.");
            }

            view = decided.View;
            if (decided.Orchestration is { } start)
                await StartAsync(durable, start, cancellationToken);
        }

        return new CreatedResult($"/api/applications/{applicationId}", ApplicationViewBody.For(view));
    }

    /// <summary>The repeat of a submission: its orchestration may not have started if the first attempt was cut short.</summary>
    private async Task StartOnceAsync(DurableTaskClient durable, string applicationId, CancellationToken cancellationToken)
    {
        if (await durable.GetInstanceAsync(applicationId, getInputsAndOutputs: false, cancellationToken) is not null)
            return;
        var waits = workflow.Value;
        await StartAsync(durable, new ApplicationOrchestrationInput(applicationId, waits.ConfirmationTimeout, waits.PaymentTimeout),
            cancellationToken);
    }

    private async Task StartAsync(DurableTaskClient durable, ApplicationOrchestrationInput input, CancellationToken cancellationToken)
    {
        try
        {
            await durable.ScheduleNewOrchestrationInstanceAsync(ApplicationWorkflowV2.OrchestratorName, input,
                new StartOrchestrationOptions(input.ApplicationId), cancellationToken);
            logger.LogInformation("Application {ApplicationId} awaits confirmation; its orchestration started", input.ApplicationId);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A concurrent repeat of the same submission started it first: that is the one orchestration.
            if (await durable.GetInstanceAsync(input.ApplicationId, getInputsAndOutputs: false, CancellationToken.None) is null)
                throw;
        }
    }
}
