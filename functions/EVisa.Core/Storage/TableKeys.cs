using System.Globalization;

namespace EVisa.Core.Storage;

/// <summary>What table rows share: key checks and the one date format.</summary>
public static class TableKeys
{
    /// <summary>
    /// Whether client-supplied text can be a key: ids we issue are 32 hex digits, and anything else (a path
    /// character, a control character, 1 KB of text) must read as "no such row", not as a storage error.
    /// </summary>
    public static bool IsValid(string? id) =>
        id is { Length: > 0 and <= 64 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly ParseDate(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
