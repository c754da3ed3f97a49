using Azure.Data.Tables;
using EVisa.Core.Storage;
using EVisa.Core.Workflow;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace EVisa.Core.Reminders;

/// <summary>
/// An officer closes a stuck application, once: <c>restarted</c> (its orchestration started again from its row) or
/// <c>ended</c>. So that no item is ever closed with nothing done, nor two officers act at once, the closure is first
/// claimed on the open item (by ETag), then carried out, and only then is the item closed; an action that cannot be done
/// releases the claim, so the item is open as it was. A crash anywhere after the claim leaves the item open and claimed,
/// and the next attempt to close it (a retry, another officer) finishes that closure first: both actions are safe to
/// repeat (a restart knows the orchestration it started, an end the cancellation it recorded).
/// </summary>
public sealed class StuckApplicationClosing(StuckApplicationStore stuckApplications, StuckApplicationRecovery recovery,
    ILogger<StuckApplicationClosing> logger)
{
    public const string Restarted = "restarted";
    public const string Ended = "ended";

    public async Task<StuckClosureOutcome> CloseAsync(string applicationId, Closure closure, DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        // Each pass reads the item afresh; another pass is needed only when a claim was released or lost to a race.
        for (var pass = 0; ; pass++)
        {
            var (stuck, open) = await stuckApplications.FindAsync(applicationId, cancellationToken);
            if (stuck is null)
                return new StuckClosureOutcome(StuckClosureDecision.NotStuck);
            if (open is null || pass == 3)
                return new StuckClosureOutcome(StuckClosureDecision.AlreadyClosed, stuck);

            if (ClosableRows.ClaimOf(open) is { } claimed)
            {
                logger.LogWarning("Stuck application {ApplicationId} carries a closure ({Outcome}) that was not finished; finishing it",
                    applicationId, claimed.Outcome);
                var finished = await CarryOutAsync(applicationId, open, claimed, again: true, durable);
                if (finished.Decision == StuckClosureDecision.Closed)
                    return claimed.Outcome == closure.Outcome ? finished : finished with { Decision = StuckClosureDecision.AlreadyClosed };
                continue;
            }

            if (await stuckApplications.TryClaimAsync(open, closure, cancellationToken) is { } claim)
                return await CarryOutAsync(applicationId, claim, closure, again: false, durable);
        }
    }

    /// <summary>
    /// Restarts or ends the application as the claim says, then closes the item; a closure that can no longer be carried
    /// out releases its claim and says why. Not cancelled with the request: once begun, it is finished.
    /// </summary>
    private async Task<StuckClosureOutcome> CarryOutAsync(string applicationId, TableEntity claim, Closure closure, bool again,
        DurableTaskClient durable)
    {
        var outcome = closure.Outcome == Restarted
            ? await recovery.RestartAsync(applicationId, ClosableRows.ClaimIdOf(claim)!, durable, CancellationToken.None)
            : await recovery.EndAsync(applicationId, again, durable, CancellationToken.None);
        if (outcome != RecoveryOutcome.Done)
        {
            await stuckApplications.ReleaseClaimAsync(claim, CancellationToken.None);
            return new StuckClosureOutcome(outcome == RecoveryOutcome.FeePaid ? StuckClosureDecision.FeePaid : StuckClosureDecision.NotWaiting);
        }

        var closed = await stuckApplications.TryCloseAsync(claim, closure, CancellationToken.None);
        // Null only when a concurrent attempt finished this same claim first: carried out once either way.
        return closed is null
            ? new StuckClosureOutcome(StuckClosureDecision.AlreadyClosed, (await stuckApplications.FindAsync(applicationId, CancellationToken.None)).Stuck)
            : new StuckClosureOutcome(StuckClosureDecision.Closed, closed);
    }
}
