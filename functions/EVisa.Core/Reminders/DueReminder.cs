using EVisa.Core.Workflow;

namespace EVisa.Core.Reminders;

/// <summary>
/// One reminder to send at <paramref name="DueAt"/> while the application is still in <paramref name="Status"/>; or,
/// of kind <see cref="StuckCheck"/>, a look at <paramref name="DueAt"/> whether it left that status as it should have.
/// </summary>
public sealed record DueReminder(
    string ApplicationId,
    string Recipient,
    ApplicationStatus Status,
    string Kind,
    DateTimeOffset DueAt,
    DateTimeOffset Deadline)
{
    public const string Halfway = "halfway";
    public const string LastDay = "last-day";

    /// <summary>A look whether the orchestration moved the application on; no one is reminded.</summary>
    public const string StuckCheck = "stuck-check";

    /// <summary>The outbox template: <c>reminder-confirmation</c> or <c>reminder-payment</c>.</summary>
    public string TemplateId => TemplateFor(Status);

    public static string TemplateFor(ApplicationStatus status) => status switch
    {
        ApplicationStatus.AwaitingConfirmation => "reminder-confirmation",
        ApplicationStatus.AwaitingPayment => "reminder-payment",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "No reminder for this status."),
    };

    /// <summary>
    /// The reminders for an application that has just reached <paramref name="status"/> at <paramref name="at"/>:
    /// at half the timeout and <see cref="ReminderOptions.LastDayBefore"/> before it; none that would fall before
    /// <paramref name="at"/> (a short timeout), and the halfway one not when it would come at or after the last-day one.
    /// </summary>
    public static IReadOnlyList<DueReminder> Plan(string applicationId, string recipient, ApplicationStatus status,
        DateTimeOffset at, WorkflowOptions workflow, ReminderOptions reminders)
    {
        var timeout = Timeout(status, workflow);
        if (timeout <= TimeSpan.Zero)
            return [];
        var deadline = at + timeout;
        var halfway = at + timeout / 2;
        var lastDay = deadline - reminders.LastDayBefore;
        var plan = new List<DueReminder>();
        if (halfway > at && (halfway < lastDay || lastDay <= at))
            plan.Add(new DueReminder(applicationId, recipient, status, Halfway, halfway, deadline));
        if (lastDay > at)
            plan.Add(new DueReminder(applicationId, recipient, status, LastDay, lastDay, deadline));
        return plan;
    }

    /// <summary>
    /// The stuck check for an application that has just reached <paramref name="status"/> at <paramref name="at"/>:
    /// the orchestration leaves a waiting status by its timeout at the latest, and leaves <c>submitted</c> within
    /// seconds, so one still there <see cref="ReminderOptions.StuckGrace"/> later has lost its orchestration. Null for
    /// a final status. No recipient: the report goes to officers, and the row keeps no personal data.
    /// </summary>
    public static DueReminder? StuckCheckFor(string applicationId, ApplicationStatus status, DateTimeOffset at,
        WorkflowOptions workflow, ReminderOptions reminders)
    {
        if (status is not (ApplicationStatus.Submitted or ApplicationStatus.AwaitingConfirmation or ApplicationStatus.AwaitingPayment))
            return null;
        var deadline = at + Timeout(status, workflow);
        return new DueReminder(applicationId, "", status, StuckCheck, deadline + reminders.StuckGrace, deadline);
    }

    private static TimeSpan Timeout(ApplicationStatus status, WorkflowOptions workflow) => status switch
    {
        ApplicationStatus.AwaitingConfirmation => workflow.ConfirmationTimeout,
        ApplicationStatus.AwaitingPayment => workflow.PaymentTimeout,
        _ => TimeSpan.Zero,
    };
}
