namespace EVisa.Core.Rules;

/// <summary>
/// R13: a working-day question about a year the calendar has no data for. Thrown rather than guessed, because
/// a deadline computed without that year's holidays could be a day early and wrongly mark an inviting party
/// overdue; the operator must add the year to <see cref="KazakhstanHolidayYears"/>.
/// </summary>
public sealed class CalendarYearNotCoveredException(int year)
    : InvalidOperationException($"The Kazakhstan working-day calendar has no data for {year}; add the year's holidays before computing deadlines in it.")
{
    public int Year { get; } = year;
}
