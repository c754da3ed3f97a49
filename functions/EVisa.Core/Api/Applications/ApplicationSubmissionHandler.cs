using System.Security.Cryptography;
using EVisa.Core.Identity;
using EVisa.Core.Lookup;
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
/// <c>POST /api/applications</c> (R5): validates the form, honours <c>Idempotency-Key</c> (per applicant), refuses a
/// second open application for the same passport and category (R6), and starts the one orchestration whose
/// instance id is the application id. Every step is a conditional insert or a check-then-start, so a repeated
/// request finishes what an interrupted one began instead of starting a second application.
/// </summary>
public sealed class ApplicationSubmissionHandler(
    RequestAuthorizer authorizer,
    SubmissionStore submissions,
    ApplicationStatusStore applications,
    PassportKeys passportKeys,
    LookupKeys lookupKeys,
    IOptions<WorkflowOptions> workflow,
    TimeProvider clock,
    ILogger<ApplicationSubmissionHandler> logger)
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public async Task<IActionResult> HandleAsync(HttpRequest request, DurableTaskClient durable)
    {
        var authorization = await authorizer.AuthorizeAsync(request, Role.Applicant);
        if (authorization.Caller is not { } caller)
            return authorization.Denial!;
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
        if (key.Length > 0)
        {
            var claim = await submissions.ClaimIdempotencyKeyAsync(caller.Subject, key,
                Convert.ToHexStringLower(SHA256.HashData(body.Bytes)), applicationId, cancellationToken);
            if (!claim.SameBody)
            {
                return Problems.Create(StatusCodes.Status409Conflict, "idempotency-key-reused",
                    "This Idempotency-Key was used with a different body.");
            }

            applicationId = claim.ApplicationId;
        }

        // A repeat of a submission that got this far finds its row; only a first attempt (or one interrupted before its
        // row) claims the slot, so a repeat after the application ended cannot take the slot back for it.
        if (await applications.GetAsync(applicationId, cancellationToken) is null)
        {
            // R6: one open application per passport and category.
            var passportKey = passportKeys.For(form.Passport.Number);
            if (!await submissions.ClaimOpenApplicationAsync(passportKey, form.Category, applicationId, cancellationToken))
            {
                logger.LogInformation("Submission refused: an open application exists for that passport and category");
                return Problems.Create(StatusCodes.Status409Conflict, "duplicate-application",
                    "An application for this passport and category is already open.");
            }

            // Before the row, so that every application has the key "find my application" checks.
            await lookupKeys.RecordAsync(applicationId, form.Passport.Number, form.Passport.DateOfBirth, cancellationToken);
            await applications.CreateAsync(applicationId, caller.Subject, passportKey, form.Category, clock.GetUtcNow(), cancellationToken);
        }

        ApplicationCorrelation.TagCurrentSpan(applicationId);
        await StartOnceAsync(durable, applicationId, caller.Subject, form, cancellationToken);
        var location = $"/api/applications/{applicationId}";
        var view = await applications.GetAsync(applicationId, cancellationToken);
        return new AcceptedResult(location, new { applicationId, Status = view?.Status ?? ApplicationStatus.Submitted, StatusUrl = location });
    }

    private async Task StartOnceAsync(DurableTaskClient durable, string applicationId, string applicantId, ApplicationForm form,
        CancellationToken cancellationToken)
    {
        if (await durable.GetInstanceAsync(applicationId, getInputsAndOutputs: false, cancellationToken) is not null)
            return;
        var options = workflow.Value;
        try
        {
            await durable.ScheduleNewOrchestrationInstanceAsync(ApplicationWorkflow.OrchestratorName,
                new ApplicationWorkflowInput(applicationId, applicantId, form, options.ConfirmationTimeout, options.PaymentTimeout),
                new StartOrchestrationOptions(applicationId), cancellationToken);
            logger.LogInformation("Application {ApplicationId} submitted", applicationId);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A concurrent repeat of the same submission started it first: that is the one orchestration.
            if (await durable.GetInstanceAsync(applicationId, getInputsAndOutputs: false, CancellationToken.None) is null)
                throw;
        }
    }
}
