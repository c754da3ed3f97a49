namespace EVisa.Core.Rules;

/// <summary>
/// R13: Kazakhstan working days: Monday to Friday, less public holidays and the days off they move, plus the
/// weekend days the government makes working days. Built from <see cref="HolidayYear"/> data; a date in a year
/// without data throws <see cref="CalendarYearNotCoveredException"/> (fail loudly, never silently).
/// </summary>
/// <remarks>
/// The law (Labour Code art. 84-85, Law "On holidays"): holidays on fixed dates are 1-2 January, 8 March,
/// 21-23 March (Nauryz), 1 May, 7 May, 9 May, 6 July, 30 August, 25 October, 16 December. When one falls on a
/// Saturday or Sunday, the day off moves to the next working day. The religious holidays, Orthodox Christmas
/// (7 January) and the first day of Kurban Ait, are days off but are not moved when they fall on a weekend
/// (art. 85 p. 2 excepts them; 7 January 2023, a Saturday, was not moved).
/// </remarks>
public sealed class KazakhstanCalendar
{
    private static readonly (int Month, int Day)[] MovableHolidays =
    [
        (1, 1), (1, 2), (3, 8), (3, 21), (3, 22), (3, 23), (5, 1), (5, 7), (5, 9), (7, 6), (8, 30), (10, 25), (12, 16),
    ];

    private readonly Dictionary<int, HolidayYear> _years;
    private readonly HashSet<DateOnly> _daysOff = [];
    private readonly HashSet<DateOnly> _workedWeekendDays = [];

    public KazakhstanCalendar(IEnumerable<HolidayYear> years)
    {
        ArgumentNullException.ThrowIfNull(years);
        _years = years.ToDictionary(y => y.Year);
        foreach (var year in _years.Values)
        {
            if (year.KurbanAitFirstDay.Year != year.Year)
                throw new ArgumentException($"Kurban Ait of {year.Year} is dated in another year.", nameof(years));
            foreach (var day in DaysOffByLaw(year))
                _daysOff.Add(day);
            foreach (var transfer in year.Transfers)
            {
                if (!IsWeekend(transfer.WorkedOn) || IsWeekend(transfer.RestOn))
                    throw new ArgumentException($"A transfer must make a weekend day worked and a weekday a day off ({transfer}).", nameof(years));
                _workedWeekendDays.Add(transfer.WorkedOn);
                _daysOff.Add(transfer.RestOn);
            }
        }
    }

    /// <summary>The calendar for the years in <see cref="KazakhstanHolidayYears"/>.</summary>
    public static KazakhstanCalendar Default { get; } = new(KazakhstanHolidayYears.All);

    public IReadOnlyCollection<int> CoveredYears => _years.Keys;

    /// <summary>Whether the year's dates come from an official calendar rather than computation.</summary>
    public bool IsPublished(int year) => Year(year).Published;

    public bool IsWorkingDay(DateOnly date)
    {
        _ = Year(date.Year);
        return IsWeekend(date) ? _workedWeekendDays.Contains(date) : !_daysOff.Contains(date);
    }

    /// <summary>
    /// The date <paramref name="workingDays"/> working days after <paramref name="date"/>; the start date itself
    /// does not count, whether or not it is a working day (Friday plus 3 is Wednesday in an ordinary week).
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly date, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        _ = Year(date.Year);
        var current = date;
        for (var counted = 0; counted < workingDays;)
        {
            current = current.AddDays(1);
            if (IsWorkingDay(current))
                counted++;
        }

        return current;
    }

    /// <summary>The weekdays off in a year (holidays, moved days off, transfers), in order.</summary>
    public IReadOnlyList<DateOnly> WeekdaysOff(int year)
    {
        _ = Year(year);
        return _daysOff.Where(d => d.Year == year && !IsWeekend(d)).Order().ToList();
    }

    private HolidayYear Year(int year) =>
        _years.TryGetValue(year, out var data) ? data : throw new CalendarYearNotCoveredException(year);

    private static IEnumerable<DateOnly> DaysOffByLaw(HolidayYear year)
    {
        var days = new SortedSet<DateOnly>(MovableHolidays.Select(h => new DateOnly(year.Year, h.Month, h.Day)))
        {
            new DateOnly(year.Year, 1, 7), // Orthodox Christmas: not moved.
            year.KurbanAitFirstDay,        // Kurban Ait: not moved.
        };

        // In date order, so that two weekend holidays in a row (Nauryz 22-23 March 2025) take the next two
        // working days (24 and 25 March) rather than the same one.
        foreach (var holiday in MovableHolidays.Select(h => new DateOnly(year.Year, h.Month, h.Day)).Where(IsWeekend))
        {
            var moved = holiday.AddDays(1);
            while (IsWeekend(moved) || days.Contains(moved))
                moved = moved.AddDays(1);
            days.Add(moved);
        }

        return days;
    }

    private static bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
}
