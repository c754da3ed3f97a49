using System.Globalization;
using EVisa.Core.Identity;
using EVisa.Core.Payments;
using EVisa.Core.Portal;
using EVisa.Core.Storage;
using EVisa.Core.Telemetry;
using EVisa.Core.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EVisa.Core.Api.Applications;

public sealed record CheckoutRequest(string? ReturnPath);

/// <summary>
/// <c>POST /api/applications/{id}/checkout</c> (R5: pay the fee online): the address of the provider's hosted payment
/// page for the application's one payment request, with its reference, amount and currency and the absolute address
/// to come back to. Its applicant only; only while the request awaits payment, so a failed or abandoned payment can
/// be tried again until the orchestration closes the request at the payment deadline. Nothing is written: the
/// provider's signed webhook is what credits a payment.
/// </summary>
public sealed class CheckoutHandler(
    ApplicationStatusStore applications,
    PaymentRequestStore payments,
    IOptions<CheckoutOptions> checkout,
    IOptions<PortalOptions> portal,
    ILogger<CheckoutHandler> logger)
{
    public async Task<IActionResult> HandleAsync(HttpRequest request, string applicationId)
    {
        var caller = request.HttpContext.GetCaller();
        var (body, problem) = await RequestBodies.ReadAsync<CheckoutRequest>(request);
        if (body is null)
            return problem!;
        var cancellationToken = request.HttpContext.RequestAborted;
        var application = await applications.GetAsync(applicationId, cancellationToken);
        if (application is null || application.ApplicantId != caller.Subject)
            return Problems.NotFound("application");
        ApplicationCorrelation.TagCurrentSpan(applicationId);
        // No open redirect: the provider may only send the applicant back to a page of this site.
        var origin = PublicOrigin(request);
        var returnUrl = ReturnPath.Resolve(origin, body.ReturnPath);
        if (returnUrl is null)
        {
            return Problems.Validation(new Dictionary<string, string[]>
            {
                ["returnPath"] = ["Give a path on this site, starting with a single '/' (no scheme, host or backslash)."],
            });
        }

        var payment = application.Status == ApplicationStatus.AwaitingPayment
            ? await payments.GetByApplicationAsync(applicationId, cancellationToken)
            : null;
        if (payment is not { State: PaymentRequestState.Awaiting })
        {
            return Problems.Create(StatusCodes.Status409Conflict, "not-awaiting-payment",
                $"The application is {application.Status.ToApiName()}: there is no fee to pay now.",
                extensions: new Dictionary<string, object?> { ["applicationStatus"] = application.Status.ToApiName() });
        }

        var fee = payment.Request;
        var checkoutUrl = CheckoutUrl(origin, fee, returnUrl);
        if (checkoutUrl is null)
        {
            logger.LogError("No payment provider checkout page is configured ({Setting})", $"{CheckoutOptions.SectionName}:CheckoutUrl");
            return Problems.Create(StatusCodes.Status503ServiceUnavailable, "checkout-unavailable",
                "Online payment is not available right now; try again later.");
        }

        logger.LogInformation("Application {ApplicationId}: checkout for {PaymentReference}", applicationId, fee.PaymentReference);
        return new OkObjectResult(new
        {
            checkoutUrl,
            fee.PaymentReference,
            Amount = new { Minor = fee.AmountMinor, fee.Currency },
        });
    }

    /// <summary>The origin the applicant's browser is on: configured (behind a Static Web App), else the request's.</summary>
    private string PublicOrigin(HttpRequest request) =>
        SecurityHeaders.OriginOf(portal.Value.PublicOrigin) ?? $"{request.Scheme}://{request.Host.ToUriComponent()}";

    private string? CheckoutUrl(string origin, PaymentRequest fee, Uri returnUrl)
    {
        var configured = checkout.Value.CheckoutUrl;
        if (string.IsNullOrWhiteSpace(configured) || !Uri.TryCreate(new Uri(origin), configured, out var page))
            return null;
        return QueryHelpers.AddQueryString(page.ToString(), new Dictionary<string, string?>
        {
            ["reference"] = fee.PaymentReference,
            ["amount"] = fee.AmountMinor.ToString(CultureInfo.InvariantCulture),
            ["currency"] = fee.Currency,
            ["returnUrl"] = returnUrl.AbsoluteUri,
        });
    }
}
