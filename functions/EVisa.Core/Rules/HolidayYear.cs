namespace EVisa.Core.Rules;

/// <summary>
/// R13: what the government publishes for a year of Kazakhstan's working-day calendar. The fixed-date holidays and
/// the weekend rule are the same every year (see <see cref="KazakhstanCalendar"/>); the first day of Kurban Ait is
/// announced by the Spiritual Administration of Muslims, and the government may move days off by resolution.
/// </summary>
/// <param name="Year">The calendar year.</param>
/// <param name="KurbanAitFirstDay">The announced first day of Kurban Ait, a day off.</param>
/// <param name="Transfers">Days off the government moved (Labour Code art. 85 p. 3), within the year.</param>
/// <param name="Source">Where the dates come from, for the reviewer.</param>
public sealed record HolidayYear(
    int Year,
    DateOnly KurbanAitFirstDay,
    IReadOnlyList<DayOffTransfer> Transfers,
    string Source);

/// <summary>A government transfer: the weekend day <paramref name="WorkedOn"/> is worked and <paramref name="RestOn"/> is a day off instead.</summary>
/// <param name="WorkedOn">The Saturday or Sunday that becomes a working day.</param>
/// <param name="RestOn">The weekday that becomes a day off.</param>
public sealed record DayOffTransfer(DateOnly WorkedOn, DateOnly RestOn);
