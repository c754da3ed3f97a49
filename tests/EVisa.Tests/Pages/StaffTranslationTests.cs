using System.Reflection;
using System.Text.RegularExpressions;
using EVisa.Core;
using EVisa.Core.Identity;
using EVisa.Core.Payments;
using EVisa.Core.Visas;
using EVisa.Core.Workflow;

namespace EVisa.Tests.Pages;

/// <summary>
/// The staff console's texts: every key its sources name, and every value the service answers that the console shows
/// in words (application statuses, verification reasons, payment review reasons, roles), exist in the three
/// languages (<see cref="TranslationTests"/> holds the three files equal); its page carries keys only; and the
/// portal's build leaves the console's texts out.
/// </summary>
public sealed partial class StaffTranslationTests
{
    private static readonly IReadOnlyDictionary<string, string> English = PortalTexts.Messages("en");

    [Fact]
    public void EveryKeyTheConsoleNamesExists()
    {
        var sources = Directory.EnumerateFiles(PortalTexts.Source("staff"), "*.ts", SearchOption.AllDirectories).Select(File.ReadAllText).ToList();
        var keys = sources.SelectMany(s => StaffKey().Matches(s).Select(m => m.Groups[1].Value)).Distinct().ToList();
        Assert.True(keys.Count > 150, $"only {keys.Count} staff keys found in the console");
        keys.AddRange(HtmlKey().Matches(File.ReadAllText(PortalTexts.Source("staff", "index.html"))).Select(m => m.Groups[1].Value));
        var missing = keys.Where(k => !English.ContainsKey(k)).Order().ToList();
        Assert.True(missing.Count == 0, "The console names keys that have no text: " + string.Join(", ", missing));
    }

    [Fact]
    public void EveryValueTheConsoleShowsInWordsHasAText()
    {
        var expected = new List<string>();
        expected.AddRange(Enum.GetValues<ApplicationStatus>().Select(s => $"staff.application-status.{s.ToApiName()}"));
        expected.AddRange(Enum.GetValues<Role>().Select(r => $"staff.role.{r.ToApiName()}"));
        expected.AddRange(Constants(typeof(VisaReasons)).Select(r => $"staff.reason.{r}"));
        expected.AddRange(new[] { "malformed", "unknown-key", "bad-signature", "no-keys" }.Select(f => $"staff.reason.seal-{f}"));
        expected.AddRange(Constants(typeof(PaymentReviewReasons)).Select(r => $"staff.review.{r}"));
        expected.AddRange(new[] { "restarted", "ended", "filed-late", "referred", "credited", "returned", "dismissed" }.Select(o => $"staff.outcome.{o}"));
        expected.AddRange(new[] { "succeeded", "denied", "refused", "failed" }.Select(o => $"staff.audit.{o}"));
        expected.AddRange(new[] { "pending", "approved", "refused" }.Select(s => $"staff.invitation.{s}"));
        var missing = expected.Where(k => !English.ContainsKey(k)).ToList();
        Assert.True(missing.Count == 0, "No text for: " + string.Join(", ", missing));
    }

    [Fact]
    public void TheConsolePageCarriesNoTextOnlyKeys()
    {
        var html = File.ReadAllText(PortalTexts.Source("staff", "index.html"));
        var body = html[html.IndexOf("<body", StringComparison.Ordinal)..];
        Assert.True(string.IsNullOrWhiteSpace(Tag().Replace(body, " ")), "staff/index.html has text outside the translations");
        Assert.DoesNotContain("style=", html, StringComparison.OrdinalIgnoreCase);
        Assert.Single(Regex.Matches(html, "<script"));
        Assert.Contains("<script type=\"module\" src=\"/staff.js\">", html, StringComparison.Ordinal);
    }

    /// <summary>The portal's language chunks (see build.mjs) carry no console text; the console's carry both.</summary>
    [Fact]
    public void ThePortalsLanguagesLeaveTheConsolesTextsOut()
    {
        var chunks = Path.Combine(PortalTexts.Root, "web", "dist", "chunks");
        Assert.True(Directory.Exists(chunks), "web/dist is built by the EVisa.Core build");
        var english = Directory.EnumerateFiles(chunks, "en-*.js").Select(File.ReadAllText).ToList();
        Assert.Equal(2, english.Count);
        Assert.Single(english, c => c.Contains(English["staff.service"], StringComparison.Ordinal));
        Assert.All(english, c => Assert.Contains(English["start.title"], c, StringComparison.Ordinal));
    }

    private static IEnumerable<string> Constants(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!);

    [GeneratedRegex(@"""(staff\.[A-Za-z0-9.-]+[A-Za-z0-9])""")]
    private static partial Regex StaffKey();

    [GeneratedRegex(@"data-i18n(?:-label)?=""([^""]+)""")]
    private static partial Regex HtmlKey();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Tag();
}
