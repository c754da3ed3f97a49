using System.Collections.Concurrent;
using System.Globalization;

namespace EVisa.Core.Rules;

/// <summary>
/// R13: Kazakhstan working days: Monday to Friday, less public holidays and the days off they move, plus the
/// weekend days the government makes working days. Any year is computed from the law; a year the government has
/// published (<see cref="HolidayYear"/>) takes its announced Kurban Ait and its transfers from that data instead.
/// </summary>
/// <remarks>The law it follows: docs/decisions/0002-kazakhstan-working-days-from-the-law.md.</remarks>
public sealed class KazakhstanCalendar
{
    private const int KurbanAitMonth = 12;
    private const int KurbanAitDay = 10;

    private static readonly (int Month, int Day)[] MovableHolidays =
    [
        (1, 1), (1, 2), (3, 8), (3, 21), (3, 22), (3, 23), (5, 1), (5, 7), (5, 9), (7, 6), (8, 30), (10, 25), (12, 16),
    ];

    private static readonly UmAlQuraCalendar Hijri = new();

    private readonly Dictionary<int, HolidayYear> _published;
    private readonly ConcurrentDictionary<int, YearDays> _years = new();

    public KazakhstanCalendar(IEnumerable<HolidayYear> published)
    {
        ArgumentNullException.ThrowIfNull(published);
        _published = published.ToDictionary(y => y.Year);
        foreach (var year in _published.Values)
        {
            if (year.KurbanAitFirstDay.Year != year.Year)
                throw new ArgumentException($"Kurban Ait of {year.Year} is dated in another year.", nameof(published));
            foreach (var transfer in year.Transfers)
            {
                if (!IsWeekend(transfer.WorkedOn) || IsWeekend(transfer.RestOn))
                    throw new ArgumentException($"A transfer must make a weekend day worked and a weekday a day off ({transfer}).", nameof(published));
                // Each year's days are looked up in that year's data alone.
                if (transfer.WorkedOn.Year != year.Year || transfer.RestOn.Year != year.Year)
                    throw new ArgumentException($"A transfer of {year.Year} must stay within {year.Year} ({transfer}).", nameof(published));
            }
        }
    }

    /// <summary>The calendar with the years published in <see cref="KazakhstanHolidayYears"/>, every other year computed.</summary>
    public static KazakhstanCalendar Default { get; } = new(KazakhstanHolidayYears.Published);

    /// <summary>The first and last years the calendar can compute: those the Umm al-Qura calendar covers whole.</summary>
    public static (int First, int Last) ComputableYears { get; } =
        (Hijri.MinSupportedDateTime.Year + 1, Hijri.MaxSupportedDateTime.Year - 1);

    /// <summary>Whether the year's dates come from the government's published calendar rather than computation.</summary>
    public bool IsPublished(int year) => _published.ContainsKey(year);

    /// <summary>Where the year's dates come from, for an operator or a reviewer.</summary>
    public string SourceOf(int year) => _published.TryGetValue(year, out var data)
        ? data.Source
        : "Computed: Labour Code art. 84-85 and Law on holidays; Kurban Ait from the Umm al-Qura calendar; no transfers published";

    public bool IsWorkingDay(DateOnly date)
    {
        var year = Year(date.Year);
        return IsWeekend(date) ? year.WorkedWeekendDays.Contains(date) : !year.DaysOff.Contains(date);
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
    public IReadOnlyList<DateOnly> WeekdaysOff(int year) =>
        Year(year).DaysOff.Where(d => d.Year == year && !IsWeekend(d)).Order().ToList();

    /// <summary>The first days of Kurban Ait in a Gregorian year: usually one, two in a year the Hijri year fits inside.</summary>
    public static IReadOnlyList<DateOnly> KurbanAitIn(int year)
    {
        if (year < ComputableYears.First || year > ComputableYears.Last)
            throw new CalendarYearNotCoveredException(year);
        var hijriYear = Hijri.GetYear(new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Unspecified));
        return Enumerable.Range(hijriYear, 2)
            .Select(h => DateOnly.FromDateTime(Hijri.ToDateTime(h, KurbanAitMonth, KurbanAitDay, 0, 0, 0, 0)))
            .Where(d => d.Year == year)
            .ToList();
    }

    private YearDays Year(int year) => _years.GetOrAdd(year, Compute);

    private YearDays Compute(int year)
    {
        var published = _published.GetValueOrDefault(year);
        IReadOnlyList<DateOnly> kurbanAit = published is null ? KurbanAitIn(year) : [published.KurbanAitFirstDay];
        var daysOff = DaysOffByLaw(year, kurbanAit);
        var worked = new HashSet<DateOnly>();
        foreach (var transfer in published?.Transfers ?? [])
        {
            worked.Add(transfer.WorkedOn);
            daysOff.Add(transfer.RestOn);
        }

        return new YearDays(daysOff, worked);
    }

    private static HashSet<DateOnly> DaysOffByLaw(int year, IEnumerable<DateOnly> kurbanAit)
    {
        var days = new HashSet<DateOnly>(MovableHolidays.Select(h => new DateOnly(year, h.Month, h.Day)))
        {
            new DateOnly(year, 1, 7), // Orthodox Christmas: not moved.
        };
        days.UnionWith(kurbanAit); // Kurban Ait: not moved.

        // In date order, so that two weekend holidays in a row (Nauryz 22-23 March 2025) take the next two
        // working days (24 and 25 March) rather than the same one.
        foreach (var holiday in MovableHolidays.Select(h => new DateOnly(year, h.Month, h.Day)).Where(IsWeekend))
        {
            var moved = holiday.AddDays(1);
            while (IsWeekend(moved) || days.Contains(moved))
                moved = moved.AddDays(1);
            days.Add(moved);
        }

        return days;
    }

    private static bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    /// <summary>A year's days off and the weekend days it works.</summary>
    private sealed record YearDays(HashSet<DateOnly> DaysOff, HashSet<DateOnly> WorkedWeekendDays);
}
