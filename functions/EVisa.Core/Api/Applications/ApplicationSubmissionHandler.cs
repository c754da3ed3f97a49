using System.Security.Cryptography;
using System.Text.Json;
using EVisa.Core.Identity;
using EVisa.Core.Lookup;
using EVisa.Core.Notifications;
using EVisa.Core.Rules;
using EVisa.Core.Storage;
using EVisa.Core.Telemetry;
using EVisa.Core.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

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
    ApplicationOrchestrationStart orchestrations,
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
        var (form, errors) = ReadForm(body.Root);
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
                // Its orchestration may not have started if the first attempt was cut short.
                if (view?.Status == ApplicationStatus.AwaitingConfirmation)
                    await orchestrations.StartOnceAsync(durable, orchestrations.InputFor(view), cancellationToken);
            }
        }

        ApplicationCorrelation.TagCurrentSpan(applicationId);
        if (view is null)
        {
            // Before the row, so that every application has the key "find my application" checks, and the address and
            // language its notices go to (read by the mail sender at send time).
            await Task.WhenAll(
                lookupKeys.RecordAsync(applicationId, PassportNumber.Parse(form.Passport.Number), form.Passport.DateOfBirth, cancellationToken),
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
                await orchestrations.StartAsync(durable, start, cancellationToken);
        }

        return new CreatedResult($"/api/applications/{applicationId}", ApplicationStatusHandler.Body(view));
    }

    /// <summary>
    /// The body as an <see cref="ApplicationForm"/>, or every field error. Only the shape is checked here; what the rules
    /// decide (eligibility, passport condition, MRZ) is the decision's, so that a refusal carries reasons on the
    /// application rather than a 400.
    /// </summary>
    public static (ApplicationForm? Form, IReadOnlyDictionary<string, string[]> Errors) ReadForm(JsonElement root)
    {
        var f = new JsonFields();
        var invitationNumber = f.Text(root, "invitationNumber", 10);
        if (invitationNumber is not null && (invitationNumber.Length != 10 || !invitationNumber.All(char.IsAsciiDigit)))
            f.Add("invitationNumber", "Must be the 10-digit invitation number.");
        var category = f.Choice(root, "category", ApiNames.ByName<VisaCategory>());
        var email = f.Text(root, "email", EmailAddress.MaxLength);
        if (email is not null && !EmailAddress.IsValid(email))
            f.Add("email", "Must be an email address.");
        // The language of every notice sent to the applicant.
        var language = f.Choice(root, "language", ApiNames.ByName<NoticeLanguage>());

        var p = f.Nested(root, "passport");
        var number = f.Text(p, "passport.number", 20);
        var surname = f.Text(p, "passport.surname", 100);
        var givenNames = f.Text(p, "passport.givenNames", 100, allowEmpty: true);
        var nationality = f.Text(p, "passport.nationality", 3);
        var dateOfBirth = f.Date(p, "passport.dateOfBirth");
        var sex = f.Choice(p, "passport.sex", SexLetters.ByLetter);
        var issuingState = f.Text(p, "passport.issuingState", 3);
        var issueDate = f.Date(p, "passport.issueDate");
        var expiryDate = f.Date(p, "passport.expiryDate");
        var blankPages = f.WholeNumber(p, "passport.blankPages", 0, 1000);
        var condition = f.Nested(p, "passport.condition");
        var reservations = f.Bool(condition, "passport.condition.hasReservationsOrRecords");
        var erasures = f.Bool(condition, "passport.condition.hasErasuresOrCorrections");
        var torn = f.Bool(condition, "passport.condition.hasTornOrEmbroideredPages");
        var extension = f.Choice(p, "passport.validityExtension", ApiNames.ByName<PassportValidityExtension>());
        var mrz = f.Strings(p, "passport.mrz", 2, 44);
        if (f.HasErrors)
            return (null, f.Errors);

        var passport = new PassportDetails(number!, surname!, givenNames ?? "", nationality!, dateOfBirth!.Value, sex!.Value,
            issuingState!, issueDate!.Value, expiryDate!.Value, blankPages!.Value,
            new PassportConditionDeclaration(reservations!.Value, erasures!.Value, torn!.Value), extension!.Value,
            mrz is null ? null : new MrzLines(mrz[0], mrz[1]));
        return (new ApplicationForm(invitationNumber!, category!.Value, passport, email!, language!.Value), f.Errors);
    }
}
