using System.Text.Json;

namespace EVisa.Core;

/// <summary>
/// The words enums have outside the code (API, tokens, tables): kebab-case, as the JSON converter writes them
/// (<see cref="Hosting.CoreServices.ConfigureJson"/>), so <c>AwaitingConfirmation</c> is <c>awaiting-confirmation</c>
/// wherever it appears.
/// </summary>
public static class ApiNames
{
    public static string ToApiName<T>(this T value) where T : struct, Enum =>
        JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    /// <summary>Every value by its word, in declaration order: the choices a field reader accepts.</summary>
    public static IReadOnlyDictionary<string, T> ByName<T>() where T : struct, Enum => Words<T>.ByName;

    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(candidate.ToApiName(), text, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>For words this code wrote itself: an unknown one is a bug, not input.</summary>
    public static T Parse<T>(string? text) where T : struct, Enum =>
        TryParse<T>(text, out var value) ? value : throw new FormatException($"'{text}' is no {typeof(T).Name}.");

    private static class Words<T> where T : struct, Enum
    {
        public static readonly IReadOnlyDictionary<string, T> ByName = Enum.GetValues<T>().ToDictionary(v => v.ToApiName());
    }
}
