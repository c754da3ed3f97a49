using System.Globalization;
using CsCheck;
using EVisa.Core.Rules;

namespace EVisa.Core.Tests.Rules;

[Trait("Rule", "R13")]
public class KazakhstanCalendarTests
{
    private static readonly KazakhstanCalendar Calendar = KazakhstanCalendar.Default;

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    [Fact]
    public void Only_2025_and_2026_are_published_and_every_other_year_is_computed()
    {
        Assert.True(Calendar.IsPublished(2025));
        Assert.True(Calendar.IsPublished(2026));
        Assert.False(Calendar.IsPublished(2027));
        Assert.StartsWith("Computed", Calendar.SourceOf(2029), StringComparison.Ordinal);
        Assert.StartsWith("Official 2025", Calendar.SourceOf(2025), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2025, "2025-06-06")] // as announced
    [InlineData(2026, "2026-05-27")] // as announced
    [InlineData(2027, "2027-05-16")]
    [InlineData(2028, "2028-05-05")]
    [InlineData(2035, "2035-02-18")]
    public void Kurban_ait_is_10_dhu_al_hijjah_of_the_umm_al_qura_calendar(int year, string first) =>
        Assert.Equal([DateOnly.Parse(first, CultureInfo.InvariantCulture)], KazakhstanCalendar.KurbanAitIn(year));

    [Fact]
    public void A_year_holding_two_kurban_aits_has_both_off()
    {
        // The Hijri year is 11 days shorter: 1460 and 1461 both put 10 Dhu al-Hijjah in 2039.
        var both = KazakhstanCalendar.KurbanAitIn(2039);
        Assert.Equal([D(2039, 1, 5), D(2039, 12, 26)], both);
        // Wednesday 5 January and Monday 26 December 2039.
        Assert.All(both, day => Assert.Contains(day, Calendar.WeekdaysOff(2039)));
    }

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
        // Kurban Ait 2027 (computed: 16 May) is a Sunday and, being religious, is not moved: Monday 17 May works.
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
        Assert.Equal(DateOnly.Parse(deadline, CultureInfo.InvariantCulture), ArrivalNotice.LastDay(DateOnly.Parse(entry, CultureInfo.InvariantCulture), Calendar));

    [Fact]
    public void The_deadline_ends_at_midnight_astana_time()
    {
        // Recorded at 22:00 UTC on Thursday 19 November 2026, which is already Friday 20 November in Astana.
        var deadline = ArrivalNotice.Deadline(new DateTimeOffset(2026, 11, 19, 22, 0, 0, TimeSpan.Zero), Calendar);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.FromHours(5)), deadline);
    }

    [Theory]
    [InlineData("2028-12-28", "2029-01-04")] // Thursday: Friday 29, then 1-2 January off, Wednesday 3, Thursday 4
    [InlineData("2028-12-29", "2029-01-05")]
    [InlineData("2024-12-31", "2025-01-08")] // from a computed year into a published one: Sunday 5 worked, 6, Christmas, 8
    [InlineData("2035-03-20", "2035-03-28")] // Tuesday before Nauryz (Wednesday 21 to Friday 23): 26, 27, 28
    [InlineData("2034-02-28", "2034-03-06")] // Tuesday before Kurban Ait on Wednesday 1 March 2034: 2, 3, 6
    public void Computed_years_give_deadlines_with_no_cliff(string entry, string lastDay) =>
        Assert.Equal(DateOnly.Parse(lastDay, CultureInfo.InvariantCulture), ArrivalNotice.LastDay(DateOnly.Parse(entry, CultureInfo.InvariantCulture), Calendar));

    [Theory]
    [InlineData("1900-12-31")]
    [InlineData("2077-06-01")]
    public void Years_the_umm_al_qura_calendar_does_not_cover_fail_loudly(string date)
    {
        var exception = Assert.Throws<CalendarYearNotCoveredException>(() => Calendar.IsWorkingDay(DateOnly.Parse(date, CultureInfo.InvariantCulture)));
        Assert.Equal(DateOnly.Parse(date, CultureInfo.InvariantCulture).Year, exception.Year);
    }

    [Fact]
    public void Adding_working_days_lands_on_a_working_day_and_counts_exactly() =>
        (from start in Gen.Int[D(2025, 1, 1).DayNumber, D(2060, 11, 30).DayNumber]
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
        Assert.Throws<ArgumentException>(() => new KazakhstanCalendar([new HolidayYear(2030, D(2029, 5, 1), [], "x")]));
        Assert.Throws<ArgumentException>(() => new KazakhstanCalendar(
            [new HolidayYear(2030, D(2030, 5, 1), [new DayOffTransfer(D(2030, 1, 7), D(2030, 1, 5))], "x")]));
        // 5 January 2030 is a Saturday, 31 December 2029 a Monday: a transfer reaching into another year is refused.
        Assert.Throws<ArgumentException>(() => new KazakhstanCalendar(
            [new HolidayYear(2030, D(2030, 5, 1), [new DayOffTransfer(D(2030, 1, 5), D(2029, 12, 31))], "x")]));
    }

    private static int WorkingDaysIn(int year)
    {
        var count = 0;
        for (var day = D(year, 1, 1); day.Year == year; day = day.AddDays(1))
            count += Calendar.IsWorkingDay(day) ? 1 : 0;
        return count;
    }
}
