using EVisa.Core.Identity;
using EVisa.Core.Reminders;
using EVisa.Core.Storage;
using EVisa.Core.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;

namespace EVisa.Core.Api.Applications;

/// <summary>
/// <c>POST /api/applications/{applicationId}/stuck-closure</c>, for officers: a stuck application closed as
/// <c>restarted</c> (its orchestration started again from its row, so it moves on) or <c>ended</c> (cancelled with the
/// applicant told, its open-application slot freed), with a note, once. The closure is written first, by ETag, so two
/// officers never both act; an action that cannot be done opens the item again.
/// </summary>
public sealed class StuckClosureHandler(StuckApplicationStore stuckApplications, StuckApplicationRecovery recovery, TimeProvider clock)
{
    public const string Restarted = "restarted";
    public static readonly IReadOnlyList<string> Outcomes = [Restarted, "ended"];

    public async Task<IActionResult> HandleAsync(HttpRequest request, string applicationId, DurableTaskClient durable)
    {
        var caller = request.HttpContext.GetCaller();
        var (closing, problem) = await Worklists.ReadClosingAsync(request, Outcomes);
        if (closing is null)
            return problem!;

        var cancellationToken = request.HttpContext.RequestAborted;
        var (stuck, open) = await stuckApplications.FindAsync(applicationId, cancellationToken);
        if (stuck is null)
            return Problems.Create(StatusCodes.Status404NotFound, "not-stuck", "No stuck application with this id.");
        if (open is null)
            return Worklists.AlreadyClosed("stuck application");
        var closed = await stuckApplications.TryCloseAsync(open, new Closure(closing.Outcome, closing.Note, caller.Subject, clock.GetUtcNow()),
            cancellationToken);
        if (closed is null)
            return Worklists.AlreadyClosed("stuck application");

        RecoveryOutcome outcome;
        try
        {
            outcome = closing.Outcome == Restarted
                ? await recovery.RestartAsync(applicationId, durable, CancellationToken.None)
                : await recovery.EndAsync(applicationId, durable, CancellationToken.None);
        }
        catch
        {
            await stuckApplications.ReopenAsync(open, CancellationToken.None);
            throw;
        }

        if (outcome == RecoveryOutcome.Done)
            return new OkObjectResult(closed);
        await stuckApplications.ReopenAsync(open, CancellationToken.None);
        return outcome == RecoveryOutcome.FeePaid
            ? Problems.Create(StatusCodes.Status422UnprocessableEntity, "fee-paid",
                "The application's fee was credited: restart it so its visa is issued (R8), do not end it.")
            : Problems.Create(StatusCodes.Status422UnprocessableEntity, "application-not-waiting",
                "The application has moved on or ended; there is nothing to restart or end.");
    }
}
