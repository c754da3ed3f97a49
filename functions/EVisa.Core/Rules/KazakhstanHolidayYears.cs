namespace EVisa.Core.Rules;

/// <summary>
/// R13: the years whose calendar the government has published: the announced first day of Kurban Ait and the days
/// off it moved by resolution (Labour Code art. 85 p. 3). Add a year here when it is published; until then
/// <see cref="KazakhstanCalendar"/> computes it from the law, with no transfers.
/// </summary>
public static class KazakhstanHolidayYears
{
    public static IReadOnlyList<HolidayYear> Published { get; } =
    [
        // The days off this yields (with the weekend rule: 10 and 24-25 March, 7 July, 1 September, 27 October) match
        // the official 2025 production calendar, which counts 246 working days; the government moved the day off from
        // Sunday 5 January to Friday 3 January.
        new(2025, new DateOnly(2025, 6, 6),
            [new(new DateOnly(2025, 1, 5), new DateOnly(2025, 1, 3))],
            "Official 2025 calendar (Labour Code art. 84-85, Law on holidays; Kurban Ait 6 June; transfer 5 Jan to 3 Jan by government resolution), as published on egov.kz and reported by the press (pobipb.kz 2025 calendar, ulysmedia.kz)"),

        // No transfers; the weekend rule gives 9 March, 24-25 March, 11 May, 31 August, 26 October.
        new(2026, new DateOnly(2026, 5, 27), [],
            "Official 2026 holiday calendar published on egov.kz (Kurban Ait 27 May; no transfers), as reported on 2026-01-02"),
    ];
}
