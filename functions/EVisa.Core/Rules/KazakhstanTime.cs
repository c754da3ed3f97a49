namespace EVisa.Core.Rules;

/// <summary>
/// The date in Kazakhstan, which decides "today" for the rules (dates in the past, deadlines). The country has
/// had a single time zone, UTC+5, since 1 March 2024 and no daylight saving; a fixed offset avoids depending
/// on the host's time-zone database being that recent.
/// </summary>
public static class KazakhstanTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(5);

    public static DateOnly Today(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return DateOf(time.GetUtcNow());
    }

    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    /// <summary>The first instant after the given Kazakh date ends, i.e. midnight that starts the next day.</summary>
    public static DateTimeOffset EndOf(DateOnly date) =>
        new(date.AddDays(1).ToDateTime(TimeOnly.MinValue), Offset);
}
