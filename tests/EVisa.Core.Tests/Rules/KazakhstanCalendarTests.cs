using CsCheck;
using EVisa.Core.Rules;

namespace EVisa.Core.Tests.Rules;

[Trait("Rule", "R13")]
public class KazakhstanCalendarTests
{
    private static readonly KazakhstanCalendar Calendar = KazakhstanCalendar.Default;

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    [Fact]
    public void Covers_2025_to_2028() => Assert.Equal([2025, 2026, 2027, 2028], Calendar.CoveredYears.Order());

    [Fact]
    public void The_2025_days_off_match_the_published_calendar_of_246_working_days()
    {
        Assert.Equal(
            [
                D(2025, 1, 1), D(2025, 1, 2), D(2025, 1, 3), D(2025, 1, 7), D(2025, 3, 10), D(2025, 3, 21), D(2025, 3, 24),
                D(2025, 3, 25), D(2025, 5, 1), D(2025, 5, 7), D(2025, 5, 9), D(2025, 6, 6), D(2025, 7, 7), D(2025, 9, 1),
                D(2025, 10, 27), D(2025, 12, 16),
            ],
            Calendar.WeekdaysOff(2025));
        Assert.True(Calendar.IsWorkingDay(D(2025, 1, 5))); // the Sunday worked in exchange for 3 January
        Assert.Equal(246, WorkingDaysIn(2025));
        Assert.True(Calendar.IsPublished(2025));
    }

    [Fact]
    public void The_2026_days_off_match_the_published_calendar()
    {
        Assert.Equal(
            [
                D(2026, 1, 1), D(2026, 1, 2), D(2026, 1, 7), D(2026, 3, 9), D(2026, 3, 23), D(2026, 3, 24), D(2026, 3, 25),
                D(2026, 5, 1), D(2026, 5, 7), D(2026, 5, 11), D(2026, 5, 27), D(2026, 7, 6), D(2026, 8, 31), D(2026, 10, 26),
                D(2026, 12, 16),
            ],
            Calendar.WeekdaysOff(2026));
        Assert.Equal(246, WorkingDaysIn(2026));
    }

    [Fact]
    public void Computed_years_move_weekend_holidays_but_not_religious_ones()
    {
        Assert.False(Calendar.IsPublished(2027));
        // 2 January 2027 is a Saturday: the day off moves to Monday 4 January.
        Assert.False(Calendar.IsWorkingDay(D(2027, 1, 4)));
        // 21 March 2027 is a Sunday; 22 and 23 are holidays themselves, so it moves to Wednesday 24 March.
        Assert.False(Calendar.IsWorkingDay(D(2027, 3, 24)));
        Assert.True(Calendar.IsWorkingDay(D(2027, 3, 25)));
        // Kurban Ait 2027 (estimated 16 May) is a Sunday and, being religious, is not moved: Monday 17 May works.
        Assert.True(Calendar.IsWorkingDay(D(2027, 5, 17)));
        // 1 and 2 January 2028 fall on a weekend: Monday 3 and Tuesday 4 January are off.
        Assert.False(Calendar.IsWorkingDay(D(2028, 1, 3)));
        Assert.False(Calendar.IsWorkingDay(D(2028, 1, 4)));
        Assert.True(Calendar.IsWorkingDay(D(2028, 1, 5)));
        // 16 December 2028 is a Saturday: Monday 18 December is off.
        Assert.False(Calendar.IsWorkingDay(D(2028, 12, 18)));
    }

    [Theory]
    [InlineData("2026-11-20", "2026-11-25")] // Friday: Monday, Tuesday, Wednesday
    [InlineData("2026-11-23", "2026-11-26")] // Monday: Thursday
    [InlineData("2026-11-21", "2026-11-25")] // Saturday: the weekend does not count
    [InlineData("2026-12-14", "2026-12-18")] // Monday, with Independence Day on Wednesday 16 December
    [InlineData("2026-03-20", "2026-03-30")] // Friday before Nauryz: 23-25 March are off, so 26, 27 and 30
    [InlineData("2025-12-31", "2026-01-08")] // across the year end: 5, 6, then 8 (1-2 New Year, 7 Christmas)
    [InlineData("2025-01-02", "2025-01-08")] // 3 Jan off, Sunday 5 Jan worked, 7 Jan Christmas off
    public void Three_working_days_after_an_entry(string entry, string deadline) =>
        Assert.Equal(DateOnly.Parse(deadline), ArrivalNotice.LastDay(DateOnly.Parse(entry), Calendar));

    [Fact]
    public void The_deadline_ends_at_midnight_astana_time()
    {
        // Recorded at 22:00 UTC on Thursday 19 November 2026, which is already Friday 20 November in Astana.
        var deadline = ArrivalNotice.Deadline(new DateTimeOffset(2026, 11, 19, 22, 0, 0, TimeSpan.Zero), Calendar);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.FromHours(5)), deadline);
    }

    [Theory]
    [InlineData("2024-12-31")]
    [InlineData("2029-01-01")]
    public void Dates_outside_the_covered_years_fail_loudly(string date)
    {
        var exception = Assert.Throws<CalendarYearNotCoveredException>(() => Calendar.IsWorkingDay(DateOnly.Parse(date)));
        Assert.Equal(DateOnly.Parse(date).Year, exception.Year);
    }

    [Fact]
    public void Counting_past_the_last_covered_year_fails_loudly() =>
        Assert.Throws<CalendarYearNotCoveredException>(() => Calendar.AddWorkingDays(D(2028, 12, 29), 3));

    [Fact]
    public void Adding_working_days_lands_on_a_working_day_and_counts_exactly() =>
        (from start in Gen.Int[D(2025, 1, 1).DayNumber, D(2028, 11, 30).DayNumber]
         from n in Gen.Int[1, 10]
         select (start: DateOnly.FromDayNumber(start), n))
        .Sample(t =>
        {
            var end = Calendar.AddWorkingDays(t.start, t.n);
            Assert.True(end > t.start);
            Assert.True(Calendar.IsWorkingDay(end));
            var counted = 0;
            for (var day = t.start.AddDays(1); day <= end; day = day.AddDays(1))
                counted += Calendar.IsWorkingDay(day) ? 1 : 0;
            Assert.Equal(t.n, counted);
            Assert.Equal(Calendar.AddWorkingDays(Calendar.AddWorkingDays(t.start, 1), t.n - 1), end);
        });

    [Fact]
    public void Zero_working_days_is_the_same_date() => Assert.Equal(D(2026, 5, 9), Calendar.AddWorkingDays(D(2026, 5, 9), 0));

    [Fact]
    public void Bad_year_data_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new KazakhstanCalendar([new HolidayYear(2030, D(2029, 5, 1), [], false, "x")]));
        Assert.Throws<ArgumentException>(() => new KazakhstanCalendar(
            [new HolidayYear(2030, D(2030, 5, 1), [new DayOffTransfer(D(2030, 1, 7), D(2030, 1, 5))], false, "x")]));
    }

    private static int WorkingDaysIn(int year)
    {
        var count = 0;
        for (var day = D(year, 1, 1); day.Year == year; day = day.AddDays(1))
            count += Calendar.IsWorkingDay(day) ? 1 : 0;
        return count;
    }
}
