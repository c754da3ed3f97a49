using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using EVisa.Core;
using EVisa.Core.Rules;
using EVisa.Core.Workflow;

namespace EVisa.Tests.Pages;

/// <summary>
/// Every text the applicant reads exists in Kazakh, Russian and English, and every code the service can answer (a
/// problem's code, a refusal reason, a status, a field error) has one. Read from the C# source and its types, so a
/// code added to the service without a text fails here rather than showing English or a bare code to an applicant.
/// </summary>
public sealed partial class TranslationTests
{
    private static readonly IReadOnlyDictionary<string, string> English = PortalTexts.Messages("en");

    [Fact]
    public void EveryLanguageHasEveryKeyWithTheSamePlaceholders()
    {
        foreach (var language in PortalTexts.Languages)
        {
            var messages = PortalTexts.Messages(language);
            Assert.Equal(English.Keys.Order(), messages.Keys.Order());
            foreach (var (key, text) in messages)
            {
                Assert.False(string.IsNullOrWhiteSpace(text), $"{language}: {key} is empty");
                Assert.True(PortalTexts.Placeholders(English[key]).SequenceEqual(PortalTexts.Placeholders(text)),
                    $"{language}: {key} has other placeholders than English");
            }
        }
    }

    [Fact]
    public void KazakhIsWrittenInCyrillicWithTheKazakhLetters()
    {
        var kazakh = PortalTexts.Messages("kk");
        var russian = PortalTexts.Messages("ru");
        var all = string.Concat(kazakh.Values);
        foreach (var letter in "әғқңөұүі")
            Assert.Contains(letter, all);
        // Latin words only where the page shows codes, addresses or examples (NQZ, PDF, name@example.com).
        foreach (var (key, text) in kazakh)
        {
            var words = Interpolation().Replace(text, "").Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Where(w => LatinWord().IsMatch(w) && w.Any(char.IsAsciiLetterLower) && !w.Contains('@') && !w.StartsWith("English", StringComparison.Ordinal));
            Assert.True(!words.Any(), $"kk: {key} has Latin words: {text}");
        }

        // Not Russian with a few letters swapped: most texts differ from the Russian ones.
        var same = kazakh.Count(m => m.Value == russian[m.Key]);
        Assert.True(same < kazakh.Count / 20, $"{same} Kazakh texts equal the Russian ones");
    }

    [Fact]
    public void EveryCodeTheServiceAnswersHasAText()
    {
        var missing = ServiceCodes().Where(code => !English.ContainsKey($"code.{code}")).Order().ToList();
        Assert.True(missing.Count == 0, "No text for: " + string.Join(", ", missing));
    }

    [Fact]
    public void EveryStatusCategoryAndFieldErrorHasAText()
    {
        foreach (var status in Enum.GetValues<ApplicationStatus>())
        {
            Assert.Contains($"status.{status.ToApiName()}", English.Keys);
            Assert.Contains($"status.{status.ToApiName()}-title", English.Keys);
        }

        foreach (var category in ApiNames.ByName<VisaCategory>().Keys)
            Assert.Contains($"category.{category}", English.Keys);

        // Each English field error the service writes has a kind (validation-kinds.json), and each kind a text.
        var kinds = JsonDocument.Parse(File.ReadAllText(PortalTexts.Source("i18n", "validation-kinds.json"))).RootElement
            .EnumerateArray().Select(k => (Kind: k.GetProperty("kind").GetString()!, Pattern: new Regex(k.GetProperty("pattern").GetString()!)))
            .ToList();
        foreach (var (kind, _) in kinds)
            Assert.Contains($"validation.{kind}", English.Keys);
        var messages = ServiceFieldErrors().ToList();
        Assert.True(messages.Count >= 10, "the field errors were not found in the source");
        foreach (var message in messages)
            Assert.True(kinds.Any(k => k.Pattern.IsMatch(message)), $"No kind matches the service's field error \"{message}\"");
    }

    [Fact]
    public void EveryKeyThePagesNameExists()
    {
        var sources = Directory.EnumerateFiles(PortalTexts.Source(), "*.ts", SearchOption.AllDirectories).Select(File.ReadAllText).ToList();
        var keys = sources.SelectMany(s => KeyLiteral().Matches(s).Select(m => m.Groups[1].Value)).Distinct().ToList();
        Assert.True(keys.Count > 100, $"only {keys.Count} keys found in the pages");
        var html = File.ReadAllText(PortalTexts.Source("index.html"));
        keys.AddRange(HtmlKey().Matches(html).Select(m => m.Groups[1].Value));
        var missing = keys.Where(k => !English.ContainsKey(k)).ToList();
        Assert.True(missing.Count == 0, "Pages name keys that have no text: " + string.Join(", ", missing));
    }

    [Fact]
    public void ThePageCarriesNoTextOnlyKeys()
    {
        var html = File.ReadAllText(PortalTexts.Source("index.html"));
        var body = html[html.IndexOf("<body", StringComparison.Ordinal)..];
        var text = Tag().Replace(body, " ");
        Assert.True(string.IsNullOrWhiteSpace(text), $"index.html has text outside the translations: {text.Trim()}");
        Assert.DoesNotContain("style=", html, StringComparison.OrdinalIgnoreCase);
        Assert.Single(Regex.Matches(html, "<script"));
        Assert.Contains("<script type=\"module\" src=", html, StringComparison.Ordinal);
    }

    /// <summary>Every problem code and refusal reason the service can answer, from its types and its source.</summary>
    public static IEnumerable<string> ServiceCodes()
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in new[] { typeof(RuleReasons), typeof(InvitationReasons) })
        {
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral))
                codes.Add((string)field.GetRawConstantValue()!);
        }

        foreach (var file in Directory.EnumerateFiles(Path.Combine(PortalTexts.Root, "functions"), "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                continue;
            var source = File.ReadAllText(file);
            foreach (var pattern in new[] { ProblemCreate(), ProblemType(), BorderRefusal() })
                codes.UnionWith(pattern.Matches(source).Select(m => m.Groups[1].Value));
        }

        Assert.Contains("validation-failed", codes);
        Assert.Contains("passport-expires-too-soon", codes);
        Assert.Contains("invitation-guest-mismatch", codes);
        return codes;
    }

    /// <summary>
    /// The English field errors of the requests the pages send (JsonFields' own, the application form's, the portal's
    /// lookup and checkout), placeholders filled with numbers. The inviter's and officer's requests are not the pages'.
    /// </summary>
    private static IEnumerable<string> ServiceFieldErrors()
    {
        var core = Path.Combine(PortalTexts.Root, "functions", "EVisa.Core");
        var files = new[] { Path.Combine(core, "Api", "JsonFields.cs") }
            .Concat(Directory.EnumerateFiles(Path.Combine(core, "Api", "Applications"), "*.cs"))
            .Concat(Directory.EnumerateFiles(Path.Combine(core, "Api", "Portal"), "*.cs"))
            .Concat(Directory.Exists(Path.Combine(core, "Portal")) ? Directory.EnumerateFiles(Path.Combine(core, "Portal"), "*.cs", SearchOption.AllDirectories) : [])
            .Where(File.Exists);
        foreach (var file in files)
        {
            foreach (Match match in FieldError().Matches(File.ReadAllText(file)))
            {
                yield return Interpolation().Replace(match.Groups[1].Value, "1");
            }
        }
    }

    [GeneratedRegex(@"\b(?:t|heading|setTitle)\(\s*""([a-z0-9][a-z0-9.-]*)""")]
    private static partial Regex KeyLiteral();

    [GeneratedRegex(@"data-i18n(?:-label)?=""([^""]+)""")]
    private static partial Regex HtmlKey();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"[A-Za-z]{2,}")]
    private static partial Regex LatinWord();

    [GeneratedRegex(@"Create\(\s*StatusCodes\.\w+,\s*""([a-z0-9]+(?:-[a-z0-9]+)*)""")]
    private static partial Regex ProblemCreate();

    [GeneratedRegex(@"TypeOf\(""([a-z0-9]+(?:-[a-z0-9]+)*)""\)")]
    private static partial Regex ProblemType();

    [GeneratedRegex(@"Refused\(""([a-z0-9]+(?:-[a-z0-9]+)*)""")]
    private static partial Regex BorderRefusal();

    [GeneratedRegex(@"\bAdd\((?:path|""[^""]+""),\s*\$?""([^""]+)""\)")]
    private static partial Regex FieldError();

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Interpolation();
}
