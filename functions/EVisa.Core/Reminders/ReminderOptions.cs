namespace EVisa.Core.Reminders;

/// <summary>The reminder sweep, from the "Reminders" section.</summary>
public sealed class ReminderOptions
{
    public const string SectionName = "Reminders";

    /// <summary>How long before a timeout the last reminder is due (the other one is due at half the timeout).</summary>
    public TimeSpan LastDayBefore { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Due reminders read per query; a backlog is worked through page by page.</summary>
    public int PageSize { get; set; } = 100;
}
