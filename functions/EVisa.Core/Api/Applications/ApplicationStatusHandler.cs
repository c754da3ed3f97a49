using EVisa.Core.Identity;
using EVisa.Core.Payments;
using EVisa.Core.Storage;
using EVisa.Core.Telemetry;
using EVisa.Core.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace EVisa.Core.Api.Applications;

/// <summary>
/// <c>GET /api/applications/{id}</c>: the application's status, read from the <c>Applications</c> table. An
/// applicant sees only its own applications; another's answers 404, exactly as a missing one does.
/// </summary>
public sealed class ApplicationStatusHandler(RequestAuthorizer authorizer, ApplicationStatusStore applications,
    PaymentRequestStore payments)
{
    public async Task<IActionResult> HandleAsync(HttpRequest request, string applicationId)
    {
        var authorization = await authorizer.AuthorizeAsync(request, Role.Applicant, Role.Officer);
        if (authorization.Caller is not { } caller)
            return authorization.Denial!;

        var application = await applications.GetAsync(applicationId, request.HttpContext.RequestAborted);
        if (application is null || (caller.Role == Role.Applicant && application.ApplicantId != caller.Subject))
            return Problems.NotFound("application");
        ApplicationCorrelation.TagCurrentSpan(applicationId);
        return await AnswerAsync(application, request.HttpContext.RequestAborted);
    }

    /// <summary>The view of an application its caller may see (here, or found by "find my application").</summary>
    public async Task<IActionResult> AnswerAsync(ApplicationView application, CancellationToken cancellationToken)
    {
        // R5: a failed payment attempt leaves the application awaiting payment; the applicant sees it failed.
        var failure = application.Status == ApplicationStatus.AwaitingPayment
            ? (await payments.GetByApplicationAsync(application.ApplicationId, cancellationToken))?.OutstandingFailure
            : null;
        return new OkObjectResult(View(application, failure));
    }

    /// <summary>What the applicant needs in each status: the draft to confirm, the fee to pay, the visa number.</summary>
    private static object View(ApplicationView a, PaymentFailure? failure) => new
    {
        a.ApplicationId,
        a.Status,
        a.StatusChangedAt,
        a.SubmittedAt,
        Reasons = (a.Reasons ?? []).Select(r => new { r.Code, r.Message, r.Rule, r.Field }),
        DraftVisa = a.Status is ApplicationStatus.AwaitingConfirmation or ApplicationStatus.AwaitingPayment ? a.Draft : null,
        Payment = a.Payment is { } p && a.Status is ApplicationStatus.AwaitingPayment or ApplicationStatus.Issued
            ? new { p.PaymentReference, p.AmountMinor, p.Currency, LastFailedAt = failure?.At }
            : null,
        a.VisaNumber,
    };
}
