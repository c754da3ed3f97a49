using System.Text.Encodings.Web;
using System.Text.Json;
using Fluid;

namespace EVisa.Core.Notifications;

/// <summary>A notice as it is sent: subject, plain text and HTML.</summary>
public sealed record RenderedNotice(string Subject, string Text, string Html);

/// <summary>
/// The notices' texts, one JSON file per language (<c>Templates/kk.json</c>, <c>ru.json</c>, <c>en.json</c>: a subject
/// and paragraphs per template, the refusal reasons, the shared lines), written in Liquid and rendered with Fluid.
/// Each paragraph is rendered twice: for the plain text as is, for the HTML with every value HTML-encoded; the two
/// layouts (<c>layout.txt.liquid</c>, <c>layout.html.liquid</c>) place them. Values never become markup, and no
/// HTML is put together from strings in code.
/// </summary>
public sealed class NoticeTemplates
{
    private static readonly FluidParser Parser = new();
    private static readonly TemplateOptions Options = new();

    private readonly IReadOnlyDictionary<NoticeLanguage, LanguagePack> _packs;
    private readonly IFluidTemplate _textLayout;
    private readonly IFluidTemplate _htmlLayout;

    private NoticeTemplates(IReadOnlyDictionary<NoticeLanguage, LanguagePack> packs, IFluidTemplate textLayout, IFluidTemplate htmlLayout)
    {
        _packs = packs;
        _textLayout = textLayout;
        _htmlLayout = htmlLayout;
    }

    /// <summary>The shared lines every language defines: greeting, signature, footer.</summary>
    public static readonly IReadOnlyList<string> CommonKeys = ["greeting", "signature", "footer"];

    public static NoticeTemplates Load()
    {
        var packs = Enum.GetValues<NoticeLanguage>().ToDictionary(l => l, l => LanguagePack.Read(Resource($"{l.ToApiName()}.json")));
        return new NoticeTemplates(packs, Parse(Resource("layout.txt.liquid"), "layout.txt"), Parse(Resource("layout.html.liquid"), "layout.html"));
    }

    /// <summary>The template ids a language has texts for.</summary>
    public IReadOnlyCollection<string> TemplateIds(NoticeLanguage language) => [.. _packs[language].Notices.Keys];

    /// <summary>The raw texts of a language, for the completeness test: every notice's subject and paragraphs, every reason, every shared line.</summary>
    public IReadOnlyDictionary<string, string> Texts(NoticeLanguage language) => _packs[language].Texts;

    public IReadOnlyCollection<string> ReasonCodes(NoticeLanguage language) => [.. _packs[language].Reasons.Keys];

    /// <summary>A refusal reason in words; an unknown code (a newer rule) as itself rather than nothing.</summary>
    public string Reason(NoticeLanguage language, string code) => _packs[language].Reasons.GetValueOrDefault(code, code);

    /// <summary>A word of one of the shared vocabularies (<c>categories</c>, <c>sexes</c>).</summary>
    public string Word(NoticeLanguage language, string vocabulary, string key) =>
        _packs[language].Words.TryGetValue(vocabulary, out var words) ? words.GetValueOrDefault(key, key) : key;

    public RenderedNotice Render(NoticeLanguage language, string templateId, IReadOnlyDictionary<string, object?> model)
    {
        var pack = _packs[language];
        if (!pack.Notices.TryGetValue(templateId, out var notice))
            throw new KeyNotFoundException($"No notice template '{templateId}' in {language.ToApiName()}.");

        var context = Context(model);
        var subject = notice.Subject.Render(context, NullEncoder.Default).Trim();
        var footer = pack.Footer.Render(context, NullEncoder.Default).Trim();
        var text = notice.Paragraphs.Select(p => p.Render(context, NullEncoder.Default).Trim()).Where(p => p.Length > 0).ToList();
        var html = notice.Paragraphs.Select(p => p.Render(context, HtmlEncoder.Default).Trim()).Where(p => p.Length > 0).ToList();

        var layout = new Dictionary<string, object?>
        {
            ["lang"] = language.ToApiName(),
            ["subject"] = subject,
            ["greeting"] = pack.Greeting,
            ["signature"] = pack.Signature,
            ["footer"] = footer,
            ["paragraphs"] = text,
        };
        var textBody = _textLayout.Render(Context(layout), NullEncoder.Default);
        // The HTML paragraphs are encoded already (values by the encoder, the texts are ours and hold no markup); the
        // layout inserts them raw, with their line breaks as <br>.
        layout["paragraphs"] = html;
        var htmlBody = _htmlLayout.Render(Context(layout), HtmlEncoder.Default);
        return new RenderedNotice(subject, textBody, htmlBody);
    }

    private static TemplateContext Context(IReadOnlyDictionary<string, object?> values)
    {
        var context = new TemplateContext(Options);
        foreach (var (name, value) in values)
            context.SetValue(name, value);
        return context;
    }

    private static IFluidTemplate Parse(string source, string where) =>
        Parser.TryParse(source, out var template, out var error)
            ? template
            : throw new InvalidOperationException($"Notice template {where} does not parse: {error}");

    private static string Resource(string name)
    {
        var fullName = $"EVisa.Core.Notifications.Templates.{name}";
        using var stream = typeof(NoticeTemplates).Assembly.GetManifestResourceStream(fullName)
            ?? throw new InvalidOperationException($"The notice template resource {fullName} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private sealed record Notice(IFluidTemplate Subject, IReadOnlyList<IFluidTemplate> Paragraphs);

    private sealed record LanguagePack(
        IReadOnlyDictionary<string, Notice> Notices,
        IReadOnlyDictionary<string, string> Reasons,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Words,
        string Greeting,
        string Signature,
        IFluidTemplate Footer,
        IReadOnlyDictionary<string, string> Texts)
    {
        public static LanguagePack Read(string json)
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var texts = new Dictionary<string, string>(StringComparer.Ordinal);
            var notices = new Dictionary<string, Notice>(StringComparer.Ordinal);
            foreach (var notice in root.GetProperty("notices").EnumerateObject())
            {
                var subject = notice.Value.GetProperty("subject").GetString() ?? "";
                texts[$"notices.{notice.Name}.subject"] = subject;
                var paragraphs = new List<IFluidTemplate>();
                var index = 0;
                foreach (var paragraph in notice.Value.GetProperty("paragraphs").EnumerateArray())
                {
                    var source = paragraph.GetString() ?? "";
                    texts[$"notices.{notice.Name}.paragraphs.{index++}"] = source;
                    paragraphs.Add(Parse(source, $"{notice.Name} paragraph {index}"));
                }

                notices[notice.Name] = new Notice(Parse(subject, $"{notice.Name} subject"), paragraphs);
            }

            var reasons = root.GetProperty("reasons").EnumerateObject().ToDictionary(r => r.Name, r => r.Value.GetString() ?? "", StringComparer.Ordinal);
            foreach (var (code, text) in reasons)
                texts[$"reasons.{code}"] = text;
            var words = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
            foreach (var vocabulary in root.GetProperty("words").EnumerateObject())
            {
                var entries = vocabulary.Value.EnumerateObject().ToDictionary(w => w.Name, w => w.Value.GetString() ?? "", StringComparer.Ordinal);
                words[vocabulary.Name] = entries;
                foreach (var (key, text) in entries)
                    texts[$"words.{vocabulary.Name}.{key}"] = text;
            }

            var common = root.GetProperty("common");
            foreach (var key in CommonKeys)
                texts[$"common.{key}"] = common.TryGetProperty(key, out var value) ? value.GetString() ?? "" : "";
            return new LanguagePack(notices, reasons, words, texts["common.greeting"], texts["common.signature"],
                Parse(texts["common.footer"], "footer"), texts);
        }
    }
}
