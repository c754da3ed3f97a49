using EVisa.Core.Storage;
using EVisa.Core.Workflow;
using Microsoft.DurableTask.Client;

namespace EVisa.Core.Reminders;

/// <summary>
/// An officer closes a stuck application, once: restarted (its orchestration started again from its row) or ended.
/// The closure is written first, by ETag, so two officers never both act; an action that cannot be done, or fails,
/// opens the item again.
/// </summary>
public sealed class StuckApplicationClosing(StuckApplicationStore stuckApplications, StuckApplicationRecovery recovery)
{
    public async Task<StuckClosureOutcome> CloseAsync(string applicationId, Closure closure, bool restart, DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        var (stuck, open) = await stuckApplications.FindAsync(applicationId, cancellationToken);
        if (stuck is null)
            return new StuckClosureOutcome(StuckClosureDecision.NotStuck);
        if (open is null)
            return new StuckClosureOutcome(StuckClosureDecision.AlreadyClosed);
        var closed = await stuckApplications.TryCloseAsync(open, closure, cancellationToken);
        if (closed is null)
            return new StuckClosureOutcome(StuckClosureDecision.AlreadyClosed);

        RecoveryOutcome outcome;
        try
        {
            outcome = restart
                ? await recovery.RestartAsync(applicationId, durable, CancellationToken.None)
                : await recovery.EndAsync(applicationId, durable, CancellationToken.None);
        }
        catch
        {
            await stuckApplications.ReopenAsync(open, CancellationToken.None);
            throw;
        }

        if (outcome == RecoveryOutcome.Done)
            return new StuckClosureOutcome(StuckClosureDecision.Closed, closed);
        await stuckApplications.ReopenAsync(open, CancellationToken.None);
        return new StuckClosureOutcome(outcome == RecoveryOutcome.FeePaid ? StuckClosureDecision.FeePaid : StuckClosureDecision.NotWaiting);
    }
}
