namespace EVisa.Core.Rules;

/// <summary>
/// R13: the per-year data of the working-day calendar, 2025 to 2028. Add a year here when the government
/// publishes it; the calendar refuses dates outside these years (see <see cref="KazakhstanCalendar"/>).
/// </summary>
public static class KazakhstanHolidayYears
{
    public static IReadOnlyList<HolidayYear> All { get; } =
    [
        // Published. The days off this yields (with the weekend rule: 10 and 24-25 March, 7 July, 1 September,
        // 27 October) match the official 2025 production calendar, which counts 246 working days; the
        // government moved the day off from Sunday 5 January to Friday 3 January.
        new(2025, new DateOnly(2025, 6, 6),
            [new(new DateOnly(2025, 1, 5), new DateOnly(2025, 1, 3))],
            Published: true,
            "Official 2025 calendar (Labour Code art. 84-85, Law on holidays; Kurban Ait 6 June; transfer 5 Jan to 3 Jan by government resolution), as published on egov.kz and reported by the press (pobipb.kz 2025 calendar, ulysmedia.kz)"),

        // Published. No transfers; the weekend rule gives 9 March, 24-25 March, 11 May, 31 August, 26 October.
        new(2026, new DateOnly(2026, 5, 27), [],
            Published: true,
            "Official 2026 holiday calendar published on egov.kz (Kurban Ait 27 May; no transfers), as reported on 2026-01-02"),

        // Computed, not published: fixed dates and the weekend rule are law, but Kurban Ait is an astronomical
        // estimate of 10 Dhu al-Hijjah 1448 until the Spiritual Administration of Muslims of Kazakhstan announces
        // it, and any government transfer is still unknown. Review when the 2027 calendar appears.
        new(2027, new DateOnly(2027, 5, 16), [],
            Published: false,
            "Computed: Labour Code art. 84-85 and Law on holidays; Kurban Ait estimated (10 Dhu al-Hijjah 1448); transfers not yet published"),

        // Computed, not published, as 2027 (Kurban Ait: 10 Dhu al-Hijjah 1449, estimated).
        new(2028, new DateOnly(2028, 5, 5), [],
            Published: false,
            "Computed: Labour Code art. 84-85 and Law on holidays; Kurban Ait estimated (10 Dhu al-Hijjah 1449); transfers not yet published"),
    ];
}
