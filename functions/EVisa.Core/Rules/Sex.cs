namespace EVisa.Core.Rules;

/// <summary>The holder's sex as a passport records it: F, M, or X (written "&lt;" in the MRZ).</summary>
public enum Sex
{
    Female,
    Male,
    Unspecified,
}

/// <summary>
/// The one mapping between <see cref="Sex"/> and the letter ICAO 9303 prints on a data page: F, M, X. The API, the
/// stored rows, the visa and its seal all carry this letter; the MRZ writes X as its filler (<see cref="MrzText.Sex"/>).
/// </summary>
public static class SexLetters
{
    /// <summary>Each letter as the API reads it, for the field readers.</summary>
    public static readonly IReadOnlyDictionary<string, Sex> ByLetter = Enum.GetValues<Sex>().ToDictionary(s => s.ToLetter());

    public static char Letter(this Sex sex) => sex switch
    {
        Sex.Female => 'F',
        Sex.Male => 'M',
        Sex.Unspecified => 'X',
        _ => throw new ArgumentOutOfRangeException(nameof(sex), sex, null),
    };

    /// <summary>The letter as text, as JSON fields and table columns hold it.</summary>
    public static string ToLetter(this Sex sex) => sex.Letter().ToString();

    public static bool TryParse(string? letter, out Sex sex)
    {
        foreach (var candidate in Enum.GetValues<Sex>())
        {
            if (candidate.ToLetter() == letter)
            {
                sex = candidate;
                return true;
            }
        }

        sex = default;
        return false;
    }
}
