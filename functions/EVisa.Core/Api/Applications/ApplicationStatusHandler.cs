using System.Globalization;
using EVisa.Core.Identity;
using EVisa.Core.Storage;
using EVisa.Core.Telemetry;
using EVisa.Core.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace EVisa.Core.Api.Applications;

/// <summary>
/// <c>GET /api/applications/{id}</c>: the application's status, read from its one <c>Applications</c> row. An
/// applicant sees only its own applications; another's answers 404, exactly as a missing one does. While the status
/// will change without the applicant (awaiting payment after the checkout, a credited payment being issued) the answer
/// says when to look again (<c>Retry-After</c>), so clients poll at the service's pace, not their own.
/// </summary>
public sealed class ApplicationStatusHandler(ApplicationStatusStore applications,
    IOptions<WorkflowOptions> workflow)
{
    public async Task<IActionResult> HandleAsync(HttpRequest request, string applicationId)
    {
        var caller = request.HttpContext.GetCaller();

        var application = await applications.GetAsync(applicationId, request.HttpContext.RequestAborted);
        if (application is null || (caller.Role == Role.Applicant && application.ApplicantId != caller.Subject))
            return Problems.NotFound("application");
        ApplicationCorrelation.TagCurrentSpan(applicationId);
        return Answer(application, request.HttpContext.Response);
    }

    /// <summary>
    /// The view of an application its caller may see (here, or found by "find my application"), with the pace at
    /// which to look again while the status changes without the applicant.
    /// </summary>
    public IActionResult Answer(ApplicationView application, HttpResponse response)
    {
        if (application.Status == ApplicationStatus.AwaitingPayment)
            SetRetryAfter(response, workflow.Value.StatusRetryAfter);
        return new OkObjectResult(Body(application));
    }

    /// <summary>
    /// The body of <c>GET /api/applications/{id}</c>, which <c>POST /api/applications</c> answers too: what the applicant
    /// needs in each status (every reason, the draft to confirm, the fee to pay and a failed attempt, the visa number),
    /// all from the one <c>Applications</c> row.
    /// </summary>
    public static object Body(ApplicationView a) => new
    {
        a.ApplicationId,
        a.Status,
        a.StatusChangedAt,
        a.SubmittedAt,
        Reasons = (a.Reasons ?? []).Select(r => new { r.Code, r.Message, r.Rule, r.Field }),
        DraftVisa = a.Status is ApplicationStatus.AwaitingConfirmation or ApplicationStatus.AwaitingPayment ? a.Draft : null,
        Payment = a.Payment is { } p && a.Status is ApplicationStatus.AwaitingPayment or ApplicationStatus.Issued
            ? new
            {
                p.PaymentReference,
                p.AmountMinor,
                p.Currency,
                // R5: a failed attempt leaves the application awaiting payment; the applicant sees it failed.
                LastFailedAt = a.Status == ApplicationStatus.AwaitingPayment ? a.LastPaymentFailure?.At : null,
            }
            : null,
        a.VisaNumber,
    };

    /// <summary>Whole seconds, as HTTP has it; at least one.</summary>
    public static void SetRetryAfter(HttpResponse response, TimeSpan interval) =>
        response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(interval.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
