namespace EVisa.Core.Rules;

/// <summary>
/// R13: a working-day question about a year the calendar cannot compute, one outside the Umm al-Qura calendar's
/// range (<see cref="KazakhstanCalendar.ComputableYears"/>, 1901 to 2076). Thrown rather than guessed: a deadline
/// without that year's Kurban Ait could be a day early and wrongly mark an inviting party overdue.
/// </summary>
public sealed class CalendarYearNotCoveredException(int year)
    : InvalidOperationException($"The Kazakhstan working-day calendar cannot compute {year}: Kurban Ait is not known for it.")
{
    public int Year { get; } = year;
}
