namespace EVisa.Core.Reminders;

/// <summary>The reminder sweep, from the "Reminders" section.</summary>
public sealed class ReminderOptions
{
    public const string SectionName = "Reminders";

    /// <summary>How long before a timeout the last reminder is due (the other one is due at half the timeout).</summary>
    public TimeSpan LastDayBefore { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Due reminders read per query; a backlog is worked through page by page.</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>
    /// How long past the time an application should have left a waiting status (its timeout, or at once for a new
    /// submission) the sweep looks whether it did; one still there is reported stuck. Long enough for a busy
    /// orchestration to catch up, short enough that officers hear of a failed one the same day.
    /// </summary>
    public TimeSpan StuckGrace { get; set; } = TimeSpan.FromHours(1);
}
