using System.Reflection;
using EVisa.Core.Notifications;
using EVisa.Core.Rules;
using EVisa.Core.Workflow;

namespace EVisa.Core.Tests.Notifications;

public sealed class NoticeTemplatesTests
{
    private static readonly NoticeTemplates Templates = NoticeTemplates.Load();

    private static readonly NoticeLanguage[] Languages = Enum.GetValues<NoticeLanguage>();

    public static TheoryData<NoticeLanguage> EachLanguage() => [.. Languages];

    [Theory]
    [MemberData(nameof(EachLanguage))]
    public void Every_notice_has_its_texts_in_every_language(NoticeLanguage language) =>
        Assert.Equal(NoticeTemplateIds.All.Order(), Templates.TemplateIds(language).Order());

    [Fact]
    public void Every_text_key_is_present_and_non_empty_in_all_three_languages()
    {
        var english = Templates.Texts(NoticeLanguage.En);
        foreach (var language in Languages)
        {
            var texts = Templates.Texts(language);
            Assert.Equal(english.Keys.Order(), texts.Keys.Order());
            Assert.All(texts, text => Assert.False(string.IsNullOrWhiteSpace(text.Value), $"{language}: {text.Key} is empty"));
        }
    }

    [Theory]
    [MemberData(nameof(EachLanguage))]
    public void Every_refusal_reason_code_has_words(NoticeLanguage language)
    {
        var codes = new[] { typeof(RuleReasons), typeof(InvitationReasons) }
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();
        Assert.NotEmpty(codes);
        Assert.Equal(codes.Order(), Templates.ReasonCodes(language).Order());
        Assert.All(codes, code => Assert.NotEqual(code, Templates.Reason(language, code)));
    }

    [Fact]
    public void Kazakh_texts_are_in_Kazakh_Cyrillic_and_Russian_ones_have_no_Kazakh_letters()
    {
        const string kazakhLetters = "әғқңөұүһі";
        var kazakh = Templates.Texts(NoticeLanguage.Kk);
        foreach (var (key, text) in kazakh.Where(t => t.Key.StartsWith("notices.", StringComparison.Ordinal) && t.Key.EndsWith("subject", StringComparison.Ordinal)))
            Assert.True(text.Any(c => kazakhLetters.Contains(char.ToLowerInvariant(c))), $"kk {key} has no Kazakh letter: {text}");
        var all = string.Concat(kazakh.Values).ToLowerInvariant();
        Assert.All("әғқңөұүі", letter => Assert.Contains(letter, all));
        Assert.DoesNotContain(Templates.Texts(NoticeLanguage.Ru), t => t.Value.Any(c => kazakhLetters.Contains(char.ToLowerInvariant(c))));
    }

    [Theory]
    [MemberData(nameof(EachLanguage))]
    public void Every_notice_renders_as_text_and_html_with_its_values_encoded_in_the_html(NoticeLanguage language)
    {
        var model = new Dictionary<string, object?>
        {
            ["reference"] = "ref-1",
            ["applicationId"] = "app-1",
            ["reasons"] = new List<string> { Templates.Reason(language, RuleReasons.PassportTooFewBlankPages) },
            ["draft"] = new Dictionary<string, object?> { ["surname"] = "<b>O'Neil & Co</b>", ["validFrom"] = "2027-03-01" },
            ["fee"] = new Dictionary<string, object?> { ["amount"] = "80.00", ["currency"] = "USD", ["reference"] = "PAY-1" },
            ["visaNumber"] = "1234567890",
            ["guest"] = new Dictionary<string, object?> { ["surname"] = "<b>O'Neil & Co</b>", ["givenNames"] = "Ann" },
            ["refusalReason"] = "<script>alert(1)</script>",
        };
        foreach (var templateId in NoticeTemplateIds.All)
        {
            var notice = Templates.Render(language, templateId, model);
            Assert.False(string.IsNullOrWhiteSpace(notice.Subject));
            Assert.DoesNotContain("<b>", notice.Html, StringComparison.Ordinal);
            Assert.DoesNotContain("<script>", notice.Html, StringComparison.Ordinal);
            Assert.DoesNotContain("{{", notice.Text, StringComparison.Ordinal);
            Assert.StartsWith("<!DOCTYPE html>", notice.Html, StringComparison.Ordinal);
        }

        var draft = Templates.Render(language, NoticeTemplateIds.ForStatus(ApplicationStatus.AwaitingConfirmation), model);
        Assert.Contains("<b>O'Neil & Co</b>", draft.Text, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;O&#x27;Neil &amp; Co&lt;/b&gt;", draft.Html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(EachLanguage))]
    [Trait("Rule", "R8")]
    public void The_fee_notices_say_the_fee_is_not_refundable(NoticeLanguage language)
    {
        var words = language switch { NoticeLanguage.Kk => "қайтарылмайды", NoticeLanguage.Ru => "не возвращается", _ => "not refundable" };
        var model = new Dictionary<string, object?> { ["applicationId"] = "a" };
        Assert.Contains(words, Templates.Render(language, NoticeTemplateIds.ForStatus(ApplicationStatus.AwaitingPayment), model).Text, StringComparison.Ordinal);
        Assert.Contains(words, Templates.Render(language, "reminder-payment", model).Text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(EachLanguage))]
    [Trait("Rule", "R1")]
    [Trait("Rule", "R4")]
    [Trait("Rule", "R13")]
    public void The_issued_notice_names_the_two_airports_and_the_arrival_notice_duty(NoticeLanguage language)
    {
        var text = Templates.Render(language, NoticeTemplateIds.ForStatus(ApplicationStatus.Issued), new Dictionary<string, object?>()).Text;
        Assert.Contains("(NQZ)", text, StringComparison.Ordinal);
        Assert.Contains("(ALA)", text, StringComparison.Ordinal);
        Assert.Contains("A4", text, StringComparison.Ordinal);
        Assert.Contains(language switch { NoticeLanguage.Kk => "үш жұмыс күні", NoticeLanguage.Ru => "трёх рабочих дней", _ => "three working days" }, text,
            StringComparison.Ordinal);
    }
}
