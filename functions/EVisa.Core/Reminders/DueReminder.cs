using EVisa.Core.Workflow;

namespace EVisa.Core.Reminders;

/// <summary>
/// One reminder to send at <paramref name="DueAt"/> while the application is still in <paramref name="Status"/>.
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
        var timeout = status switch
        {
            ApplicationStatus.AwaitingConfirmation => workflow.ConfirmationTimeout,
            ApplicationStatus.AwaitingPayment => workflow.PaymentTimeout,
            _ => TimeSpan.Zero,
        };
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
}
