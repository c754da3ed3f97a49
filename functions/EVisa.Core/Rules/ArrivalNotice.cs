namespace EVisa.Core.Rules;

/// <summary>
/// R13: the inviting party informs the migration authorities of the foreigner's arrival within three working
/// days. Read as: the day of entry does not count, and the notice is due by the end of the third working day
/// after it, Kazakhstan time.
/// </summary>
public static class ArrivalNotice
{
    public const int WorkingDays = 3;

    /// <summary>The last day on which the notice is on time.</summary>
    public static DateOnly LastDay(DateOnly entryDate, KazakhstanCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return calendar.AddWorkingDays(entryDate, WorkingDays);
    }

    /// <summary>The instant the notice becomes overdue: midnight, Kazakhstan time, after <see cref="LastDay"/>.</summary>
    public static DateTimeOffset Deadline(DateTimeOffset entryRecordedAt, KazakhstanCalendar calendar) =>
        KazakhstanTime.EndOf(LastDay(KazakhstanTime.DateOf(entryRecordedAt), calendar));
}
