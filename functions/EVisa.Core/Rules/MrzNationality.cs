namespace EVisa.Core.Rules;

/// <summary>
/// The three-letter state codes of a machine-readable zone (ICAO 9303 Part 3), which are ISO 3166-1 alpha-3
/// except for a few ICAO additions. See <see cref="Countries"/> for the decision on those.
/// </summary>
public static class MrzNationality
{
    // Germany is "D" in ICAO 9303 (padded "D<<"), not DEU: the one non-ISO code a real, eligible-or-not state
    // uses for its own citizens, so it is the only one we translate.
    private const string GermanyMrz = "D<<";
    private const string GermanyIso = "DEU";

    /// <summary>
    /// The ISO 3166-1 alpha-3 code that the raw 3-character MRZ field stands for ("D&lt;&lt;" gives "DEU"), or the
    /// field unchanged (e.g. "UTO", "XXA", "GBD") when it is not a translation we make.
    /// </summary>
    public static string ToIso(string mrzField) => mrzField == GermanyMrz ? GermanyIso : mrzField;

    /// <summary>The MRZ spelling of an ISO 3166-1 alpha-3 code, as ICAO designates it ("DEU" gives "D&lt;&lt;").</summary>
    public static string ToMrz(string isoCode) => isoCode == GermanyIso ? GermanyMrz : isoCode;
}
