namespace EVisa.Core.Visas;

/// <summary>What the border decided about one entry or exit.</summary>
public enum BorderCrossingDecision
{
    /// <summary>Recorded on the visa.</summary>
    Recorded,

    /// <summary>No visa has that number.</summary>
    VisaNotFound,

    /// <summary>R4: not NQZ or ALA.</summary>
    CheckpointNotPermitted,

    /// <summary>R1: the single entry is already recorded.</summary>
    AlreadyEntered,

    /// <summary>The visa does not permit this entry; <see cref="BorderCrossingOutcome.Reasons"/> say why.</summary>
    EntryRefused,

    /// <summary>No entry is recorded, so there is no exit to record.</summary>
    NotEntered,

    /// <summary>The exit is already recorded.</summary>
    AlreadyExited,

    /// <summary>R10: the presented passport is not the visa's.</summary>
    ExitRefused,
}

/// <summary>
/// The border's decision on an entry or exit, with the visa as it now stands (null when there is none or the
/// checkpoint was refused) and, for a refusal, its <see cref="VisaReasons"/>.
/// </summary>
/// <param name="At">When the crossing was presented: the time recorded, and the time a view of the visa is judged at.</param>
public sealed record BorderCrossingOutcome(BorderCrossingDecision Decision, VisaRecord? Visa, DateTimeOffset At,
    IReadOnlyList<string> Reasons)
{
    public static BorderCrossingOutcome Of(BorderCrossingDecision decision, VisaRecord? visa, DateTimeOffset at) =>
        new(decision, visa, at, []);
}
