using EVisa.Core.Identity;
using EVisa.Core.Reminders;
using EVisa.Core.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;

namespace EVisa.Core.Api.Applications;

/// <summary>
/// <c>POST /api/applications/{applicationId}/stuck-closure</c>, for officers: a stuck application closed as
/// <c>restarted</c> (its orchestration started again from its row, so it moves on) or <c>ended</c> (cancelled with the
/// applicant told, its open-application slot freed), with a note, once (<see cref="StuckApplicationClosing"/>).
/// </summary>
public sealed class StuckClosureHandler(StuckApplicationClosing closing, TimeProvider clock)
{
    public static readonly IReadOnlyList<string> Outcomes = [StuckApplicationClosing.Restarted, StuckApplicationClosing.Ended];

    public async Task<IActionResult> HandleAsync(HttpRequest request, string applicationId, DurableTaskClient durable)
    {
        var caller = request.HttpContext.GetCaller();
        var (closingRequest, problem) = await Worklists.ReadClosingAsync(request, Outcomes);
        if (closingRequest is null)
            return problem!;

        var outcome = await closing.CloseAsync(applicationId,
            new Closure(closingRequest.Outcome, closingRequest.Note, caller.Subject, clock.GetUtcNow()), durable,
            request.HttpContext.RequestAborted);
        return outcome.Decision switch
        {
            StuckClosureDecision.Closed => new OkObjectResult(outcome.Closed),
            StuckClosureDecision.NotStuck => Problems.Create(StatusCodes.Status404NotFound, "not-stuck", "No stuck application with this id."),
            StuckClosureDecision.AlreadyClosed => Worklists.AlreadyClosed("stuck application"),
            StuckClosureDecision.FeePaid => Problems.Create(StatusCodes.Status422UnprocessableEntity, "fee-paid",
                "The application's fee was credited: restart it so its visa is issued (R8), do not end it."),
            StuckClosureDecision.NotWaiting => Problems.Create(StatusCodes.Status422UnprocessableEntity, "application-not-waiting",
                "The application has moved on or ended; there is nothing to restart or end."),
            _ => throw new ArgumentOutOfRangeException(nameof(applicationId), outcome.Decision, null),
        };
    }
}
