namespace EVisa.Core.Workflow;

/// <summary>Where an application stands (DESIGN.md, "The HTTP interface").</summary>
public enum ApplicationStatus
{
    Submitted,
    Refused,
    AwaitingConfirmation,
    AwaitingPayment,
    Issued,
    Cancelled,
    Expired,
}

/// <summary>
/// The order an application's statuses follow. A step can run again long after it first ran (the durable runtime
/// delivers an activity at least once: a work item taken before a crash comes back when its lease runs out), so a
/// status is recorded only if it moves the application forward or repeats where it stands.
/// </summary>
public static class ApplicationStatusProgress
{
    public static bool IsFinal(this ApplicationStatus status) =>
        status is ApplicationStatus.Refused or ApplicationStatus.Issued or ApplicationStatus.Cancelled or ApplicationStatus.Expired;

    /// <summary>The same status (a retried step), or a later one; never back, never from one end to another.</summary>
    public static bool MayBeFollowedBy(this ApplicationStatus current, ApplicationStatus next) =>
        current == next || (!current.IsFinal() && Stage(next) > Stage(current));

    private static int Stage(ApplicationStatus status) => status switch
    {
        ApplicationStatus.Submitted => 0,
        ApplicationStatus.AwaitingConfirmation => 1,
        ApplicationStatus.AwaitingPayment => 2,
        _ => 3,
    };
}
