using System.Globalization;
using EVisa.Core.Lookup;
using EVisa.Core.Rules;
using EVisa.Core.Storage;
using EVisa.Core.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EVisa.Core.Api.Applications;

public sealed record LookupRequest(string? ApplicationNumber, string? PassportNumber, string? DateOfBirth);

/// <summary>
/// "Find my application" without signing in: the application number with the passport number and date of birth it
/// was submitted with give the application's status view (<c>POST /api/applications/lookup</c>) or its visa PDF
/// (<c>POST /api/applications/lookup/visa</c>, R11). No such application and details that do not match answer the
/// same 404 <c>application-not-found</c> after the same work (<see cref="LookupKeys"/>); after
/// <see cref="LookupOptions.MaxFailures"/> failures in the window, from one client or for one application number, every
/// attempt is refused with 429 <c>too-many-attempts</c> and <c>Retry-After</c>, so the details cannot be guessed.
/// </summary>
public sealed class ApplicationLookupHandler(
    LookupKeys keys,
    LookupAttempts attempts,
    ApplicationStatusStore applications,
    ApplicationStatusHandler status,
    VisaPdfHandler visas,
    IOptions<LookupOptions> options,
    ILogger<ApplicationLookupHandler> logger)
{
    public Task<IActionResult> StatusAsync(HttpRequest request) =>
        LookupAsync(request, (application, _) => Task.FromResult(status.Answer(application, request.HttpContext.Response)));

    public Task<IActionResult> VisaAsync(HttpRequest request) =>
        LookupAsync(request, async (application, cancellationToken) =>
            await visas.PdfAsync(application.ApplicationId, cancellationToken)
            ?? Problems.Create(StatusCodes.Status409Conflict, "visa-not-issued", "No visa has been issued for this application yet.",
                extensions: new Dictionary<string, object?> { ["applicationStatus"] = application.Status.ToApiName() }));

    private async Task<IActionResult> LookupAsync(HttpRequest request, Func<ApplicationView, CancellationToken, Task<IActionResult>> answer)
    {
        var (body, problem) = await RequestBodies.ReadAsync<LookupRequest>(request);
        if (body is null)
            return problem!;
        var errors = new Dictionary<string, string[]>();
        var number = LookupKeys.NormaliseApplicationNumber(body.ApplicationNumber ?? "");
        if (number.Length is 0 or > 64)
            errors["applicationNumber"] = ["Give the application number you were given when you applied."];
        var passport = PassportNumber.Parse(body.PassportNumber);
        if (passport.Value.Length is 0 or > 20)
            errors["passportNumber"] = ["Give the passport number you applied with."];
        if (!DateOnly.TryParseExact(body.DateOfBirth, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var dateOfBirth))
            errors["dateOfBirth"] = ["Give your date of birth as YYYY-MM-DD."];
        if (errors.Count > 0)
            return Problems.Validation(errors);

        var cancellationToken = request.HttpContext.RequestAborted;
        var counters = attempts.CountersFor(ClientAddress.Of(request, options.Value.ClientAddressHeader), number);
        if (await attempts.BlockedForAsync(counters, cancellationToken) is { } wait)
            return TooManyAttempts(wait);

        var application = await keys.MatchesAsync(number, passport, dateOfBirth, cancellationToken)
            ? await applications.GetAsync(number, cancellationToken)
            : null;
        if (application is null)
        {
            await attempts.RecordFailureAsync(counters, cancellationToken);
            // No id in the log: a failed attempt's number may be anyone's guess, or someone else's application.
            logger.LogInformation("Application lookup failed");
            return Problems.Create(StatusCodes.Status404NotFound, "application-not-found",
                "No application matches these details.");
        }

        ApplicationCorrelation.TagCurrentSpan(application.ApplicationId);
        logger.LogInformation("Application {ApplicationId} found by lookup", application.ApplicationId);
        return await answer(application, cancellationToken);
    }

    private static IActionResult TooManyAttempts(TimeSpan wait) => new RetryAfter(
        Problems.Create(StatusCodes.Status429TooManyRequests, "too-many-attempts", "Too many failed attempts; try again later."),
        (int)Math.Ceiling(wait.TotalSeconds));

    private sealed class RetryAfter(ObjectResult problem, int seconds) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context)
        {
            context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return problem.ExecuteResultAsync(context);
        }
    }
}
