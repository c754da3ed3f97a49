using System.Text.Json;
using System.Text.RegularExpressions;
using EVisa.DevServer.Configuration;

namespace EVisa.Tests.Pages;

/// <summary>The portal's sources and texts as the tests read them: web/src and its three message files.</summary>
public static partial class PortalTexts
{
    public static readonly string[] Languages = ["kk", "ru", "en"];

    public static string Root { get; } = RepositoryRoot.Find() ?? throw new InvalidOperationException("Run the tests from the repository.");

    public static string Source(params string[] parts) => Path.Combine([Root, "web", "src", .. parts]);

    public static IReadOnlyDictionary<string, string> Messages(string language) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Source("i18n", $"{language}.json")))!;

    /// <summary>A key's text with its {placeholders} filled as the pages fill them.</summary>
    public static string Text(string language, string key, params (string Name, string Value)[] values)
    {
        var text = Messages(language)[key];
        foreach (var (name, value) in values)
            text = text.Replace($"{{{name}}}", value, StringComparison.Ordinal);
        return text;
    }

    public static IEnumerable<string> Placeholders(string text) => PlaceholderPattern().Matches(text).Select(m => m.Value).Order();

    [GeneratedRegex(@"\{\w+\}")]
    private static partial Regex PlaceholderPattern();
}
