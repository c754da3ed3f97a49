namespace EVisa.Core.Reminders;

/// <summary>What an officer's closure of a stuck application came to.</summary>
public enum StuckClosureDecision
{
    /// <summary>Closed, and the application restarted or ended.</summary>
    Closed,

    /// <summary>No stuck application has that id.</summary>
    NotStuck,

    /// <summary>Another closure came first; a closure is final.</summary>
    AlreadyClosed,

    /// <summary>Its fee was credited, so it may not be ended (R8); the item is open again.</summary>
    FeePaid,

    /// <summary>The application has moved on or ended; the item is open again.</summary>
    NotWaiting,
}

/// <summary>The closure's decision and, when closed, the item with its closure.</summary>
public sealed record StuckClosureOutcome(StuckClosureDecision Decision, StuckApplication? Closed = null);
