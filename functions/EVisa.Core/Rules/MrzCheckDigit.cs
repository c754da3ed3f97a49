namespace EVisa.Core.Rules;

/// <summary>
/// The ICAO 9303 Part 3 check digit: each character's value (digits 0-9, A-Z 10-35, filler "&lt;" 0) times
/// the repeating weights 7, 3, 1, summed, modulo 10.
/// </summary>
public static class MrzCheckDigit
{
    private static readonly int[] Weights = [7, 3, 1];

    public static int Compute(ReadOnlySpan<char> field)
    {
        var sum = 0;
        for (var i = 0; i < field.Length; i++)
            sum += ValueOf(field[i]) * Weights[i % 3];
        return sum % 10;
    }

    public static char ComputeChar(ReadOnlySpan<char> field) => (char)('0' + Compute(field));

    /// <summary>Whether every character is in the MRZ alphabet: A-Z, 0-9 and the filler "&lt;".</summary>
    public static bool IsMrzText(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!IsMrzChar(c))
                return false;
        }

        return true;
    }

    public static bool IsMrzChar(char c) => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '<';

    private static int ValueOf(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'A' and <= 'Z' => c - 'A' + 10,
        '<' => 0,
        _ => throw new ArgumentException($"'{c}' is not in the MRZ alphabet.", nameof(c)),
    };
}
