using System.Globalization;
using System.Text;

namespace EVisa.Core.Rules;

/// <summary>
/// How typed passport data is written in an MRZ (ICAO 9303 Part 3 and 4): names, document numbers and dates.
/// Shared by the TD3 comparison and the MRV-A writer so that both spell a name the same way.
/// </summary>
internal static class MrzText
{
    public const char Filler = '<';

    /// <summary>
    /// Whether a typed name uses only what the MRZ can carry: Latin letters A-Z (either case), spaces,
    /// hyphens and apostrophes. Accented letters are refused rather than transliterated: the passport's MRZ
    /// already holds the authoritative transliteration (ö may be O or OE), and we ask the applicant to copy it.
    /// </summary>
    public static bool IsLatinName(string name)
    {
        foreach (var c in name)
        {
            if (c is not ((>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or ' ' or '-' or '\''))
                return false;
        }

        return true;
    }

    /// <summary>
    /// One name component in MRZ form: upper case, apostrophes dropped, spaces and hyphens as one filler each
    /// (9303 Part 3, 4.6: "D'ARTAGNAN" gives "DARTAGNAN", "MARIE-ELISE" gives "MARIE&lt;ELISE").
    /// </summary>
    public static string NameComponent(string name)
    {
        var words = name.ToUpperInvariant().Replace("'", "", StringComparison.Ordinal)
            .Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries);
        return string.Join(Filler, words);
    }

    /// <summary>
    /// The name field: SURNAME&lt;&lt;GIVEN&lt;NAMES, filled to <paramref name="width"/>. A longer name is cut at the
    /// width. (9303 allows an issuer to abbreviate given names more cleverly; a passport that did so will show
    /// as a name mismatch and go to an officer, which is the safe direction.)
    /// </summary>
    public static string NameField(string surname, string givenNames, int width)
    {
        var given = NameComponent(givenNames);
        var text = given.Length == 0 ? NameComponent(surname) : NameComponent(surname) + "<<" + given;
        return Fit(text, width);
    }

    /// <summary>Text cut or filled with "&lt;" to exactly <paramref name="width"/> characters.</summary>
    public static string Fit(string text, int width) =>
        text.Length >= width ? text[..width] : text.PadRight(width, Filler);

    /// <summary>A personal number in upper case, as the MRZ holds it (the passport number is a <see cref="PassportNumber"/>).</summary>
    public static string PersonalNumber(string number) => number.Trim().ToUpperInvariant();

    /// <summary>YYMMDD, the MRZ date form.</summary>
    public static string Date(DateOnly date) => date.ToString("yyMMdd", CultureInfo.InvariantCulture);

    /// <summary>F, M or "&lt;" (unspecified, X on the data page).</summary>
    public static char Sex(Sex sex) => sex == Rules.Sex.Unspecified ? Filler : sex.Letter();

    /// <summary>A field with its trailing fillers removed, e.g. "ZE184226B&lt;&lt;&lt;&lt;&lt;" gives "ZE184226B".</summary>
    public static string TrimFiller(string field) => field.TrimEnd(Filler);

    /// <summary>
    /// Whether YYMMDD is a real calendar date in either century it could mean (29 February exists in 2000,
    /// not in 1900, so "000229" is real). The century itself is settled by comparing with the typed date.
    /// </summary>
    public static bool IsRealDate(string yymmdd)
    {
        if (yymmdd.Length != 6 || !yymmdd.All(char.IsAsciiDigit))
            return false;
        var yy = int.Parse(yymmdd.AsSpan(0, 2), CultureInfo.InvariantCulture);
        var mm = int.Parse(yymmdd.AsSpan(2, 2), CultureInfo.InvariantCulture);
        var dd = int.Parse(yymmdd.AsSpan(4, 2), CultureInfo.InvariantCulture);
        if (mm is < 1 or > 12 || dd < 1)
            return false;
        return dd <= DateTime.DaysInMonth(1900 + yy, mm) || dd <= DateTime.DaysInMonth(2000 + yy, mm);
    }

    /// <summary>The filler-separated name back in readable form ("ANNA&lt;MARIA" gives "ANNA MARIA").</summary>
    public static string Readable(string field)
    {
        var builder = new StringBuilder(field.Length);
        foreach (var word in field.Split(Filler, StringSplitOptions.RemoveEmptyEntries))
        {
            if (builder.Length > 0)
                builder.Append(' ');
            builder.Append(word);
        }

        return builder.ToString();
    }
}
