using System.Globalization;
using System.Text.RegularExpressions;
using EVisa.Core.Rules;
using EVisa.Tests.Pipeline;
using Microsoft.Playwright;
using UglyToad.PdfPig;

namespace EVisa.Tests.Pages;

/// <summary>
/// The applicant's whole journey in a real browser, once per language: eligibility (refused, then allowed), the
/// development sign-in, the application page by page with the MRZ checked as typed, a refusal with its reason in
/// words, the answers corrected and submitted again, the draft confirmed, a declined payment and a paid one through
/// the simulated provider, the status followed to issued without a reload, the PDF downloaded and read back, the
/// application found without signing in, and the lookup's rate limit. axe-core checks every page; screenshots at
/// 360 px and 1280 px go to artifacts/screenshots. The languages run in parallel, each in a browser context of its own.
/// </summary>
public abstract class JourneyTests(string language, bool keyboardOnly, bool screenshots = false)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    [Trait("Rule", "R3")]
    [Trait("Rule", "R10")]
    [Trait("Rule", "R11")]
    public async Task AnApplicantGoesFromTheStartPageToAPrintedVisaAndFindsItAgainWithoutSigningIn()
    {
        var server = await PortalServer.SharedAsync();
        var guest = new PipelineScenario(server);
        var invitationNumber = await guest.ApprovedInvitationAsync();
        var browser = await PortalBrowser.SharedAsync();
        var applicant = await PortalDriver.OpenAsync(browser, server.BaseAddress, language, keyboardOnly, screenshots ? language : null);
        try
        {
            await EligibilityAsync(applicant);
            await SignInAsync(applicant);
            await ApplyAsync(applicant, guest, invitationNumber, blankPages: "1");
            await RefusedThenCorrectedAsync(applicant);
            var applicationId = await ConfirmAsync(applicant, guest);
            var visaNumber = await PayAndWatchUntilIssuedAsync(applicant);
            await DownloadAsync(applicant, visaNumber);
            Assert.Empty(applicant.ConsoleErrors);

            var visitor = await PortalDriver.OpenAsync(browser, server.BaseAddress, language, keyboardOnly, screenshots ? $"{language}-find" : null);
            try
            {
                await FindWithoutSigningInAsync(visitor, applicationId, guest, visaNumber);
                Assert.Empty(visitor.ConsoleErrors);
            }
            finally
            {
                await visitor.Page.Context.CloseAsync();
            }
        }
        finally
        {
            await applicant.Page.Context.CloseAsync();
        }
    }

    private static async Task EligibilityAsync(PortalDriver p)
    {
        await p.Page.GotoAsync("/");
        await p.ExpectPageAsync("start.title");
        await p.CheckAsync("start");
        await p.PressAsync("start.start");
        await p.ExpectPageAsync("eligibility.title");
        await p.CheckAsync("eligibility");

        // Nothing answered: the error summary takes the focus and links to each question.
        await p.PressAsync("form.continue");
        await Assertions.Expect(p.Page.Locator(".error-summary")).ToBeFocusedAsync();
        Assert.StartsWith(p.Text("form.error-prefix") + ":", await p.Page.TitleAsync(), StringComparison.Ordinal);
        Assert.Equal(2, await p.Page.Locator(".error-summary a[href='#field-nationality'], .error-summary a[href='#field-category']").CountAsync());
        await p.CheckAsync("eligibility-errors");
        await p.PressAsync(p.Page.Locator(".error-summary a[href='#field-nationality']"));
        await Assertions.Expect(p.Page.Locator("#field-nationality")).ToBeFocusedAsync();

        // R3: Afghanistan is on neither list.
        await p.SelectAsync("nationality", "AFG");
        await p.ChooseAsync("category", "tourist");
        await p.PressAsync("form.continue");
        await p.ExpectPageAsync("eligibility.no-title");
        await p.CheckAsync("not-eligible");

        await p.PressAsync("eligibility.again");
        await p.ExpectPageAsync("eligibility.title");
        await p.SelectAsync("nationality", "CHN");
        await p.ChooseAsync("category", "tourist");
        await p.PressAsync("form.continue");
        await p.ExpectPageAsync("eligibility.yes-title");
        await p.CheckAsync("eligible");
        await p.PressAsync("form.continue");
    }

    private static async Task SignInAsync(PortalDriver p)
    {
        await p.ExpectPageAsync("sign-in.title");
        await Assertions.Expect(p.Page.GetByText(p.Text("sign-in.development-title"))).ToBeVisibleAsync();
        await p.CheckAsync("sign-in");
        await p.PressAsync("sign-in.development-button");
        await p.ExpectPageAsync("apply.invitation-title");
        await Assertions.Expect(p.Page.GetByRole(AriaRole.Button, new() { Name = p.Text("layout.sign-out") })).ToBeVisibleAsync();
    }

    private static async Task ApplyAsync(PortalDriver p, PipelineScenario guest, string invitationNumber, string blankPages)
    {
        await p.CheckAsync("invitation");
        await p.FillAsync("invitationNumber", invitationNumber);
        await p.ChooseAsync("category", "tourist");
        await p.PressAsync("form.continue");

        await p.ExpectPageAsync("apply.personal-title");
        await p.CheckAsync("personal");
        await p.FillAsync("surname", guest.Surname);
        await p.FillAsync("givenNames", guest.GivenNames);
        await p.SelectAsync("nationality", guest.Nationality);
        // A date that does not exist is caught on the page, beside its field.
        await p.FillAsync("dateOfBirth", "1990-02-31");
        await p.ChooseAsync("sex", "M");
        await p.PressAsync("form.continue");
        await Assertions.Expect(p.Page.Locator("#field-dateOfBirth-error"))
            .ToContainTextAsync(p.Text("validation.date", ("field", p.Text("field.dateOfBirth"))));
        await Assertions.Expect(p.Page.Locator("#field-dateOfBirth")).ToHaveAttributeAsync("aria-invalid", "true");
        await p.CheckAsync("personal-errors");
        await p.FillAsync("dateOfBirth", guest.DateOfBirth);
        await p.PressAsync("form.continue");

        await p.ExpectPageAsync("apply.passport-title");
        await p.CheckAsync("passport");
        await p.FillAsync("number", guest.PassportNumber);
        await p.SelectAsync("issuingState", guest.Nationality);
        await p.FillAsync("issueDate", PipelineScenario.Date(Today.AddYears(-1)));
        await p.FillAsync("expiryDate", PipelineScenario.Date(Today.AddYears(5)));
        await p.ChooseAsync("validityExtension", "not-extended");
        await p.PressAsync("form.continue");

        await p.ExpectPageAsync("apply.condition-title");
        await p.CheckAsync("condition");
        await p.FillAsync("blankPages", blankPages);
        await p.ChooseAsync("hasReservationsOrRecords", "no");
        await p.ChooseAsync("hasErasuresOrCorrections", "no");
        await p.ChooseAsync("hasTornOrEmbroideredPages", "no");
        await p.PressAsync("form.continue");

        // The machine-readable zone, checked as it is typed: a wrong check digit is named at once.
        await p.ExpectPageAsync("apply.mrz-title");
        var mrz = Td3Mrz.Write(new PassportDetails(guest.PassportNumber, guest.Surname, guest.GivenNames, guest.Nationality,
            DateOnly.Parse(guest.DateOfBirth, CultureInfo.InvariantCulture), Sex.Male, guest.Nationality, Today.AddYears(-1),
            Today.AddYears(5), 6, null, PassportValidityExtension.NotExtended));
        var wrongDigit = (char)('0' + (mrz.Line2[9] - '0' + 1) % 10);
        await p.FillAsync("mrz1", mrz.Line1);
        await p.FillAsync("mrz2", mrz.Line2[..9] + wrongDigit + mrz.Line2[10..]);
        await Assertions.Expect(p.Page.Locator("#field-mrz2-live")).ToHaveTextAsync(p.Text("mrz.documentNumber"));
        await p.CheckAsync("mrz-typed-wrong");
        await p.PressAsync("form.continue");
        await Assertions.Expect(p.Page.Locator(".error-summary")).ToBeFocusedAsync();
        await p.FillAsync("mrz2", mrz.Line2);
        await Assertions.Expect(p.Page.Locator("#field-mrz2-live")).ToHaveTextAsync(p.Text("mrz.ok"));
        await p.PressAsync("form.continue");

        await p.ExpectPageAsync("apply.contact-title");
        await p.CheckAsync("contact");
        await p.FillAsync("email", guest.Email);
        await p.ChooseAsync("language", p.Language);
        await p.PressAsync("form.continue");

        await p.ExpectPageAsync("check.title");
        await Assertions.Expect(p.Page.Locator("main")).ToContainTextAsync(guest.PassportNumber);
        await p.CheckAsync("check-answers");
        await p.PressAsync("check.submit");
    }

    private static async Task RefusedThenCorrectedAsync(PortalDriver p)
    {
        // R9.2, refused at once with its reason in the page's language.
        await p.ExpectPageAsync("refused.title");
        await Assertions.Expect(p.Page.Locator(".reasons")).ToContainTextAsync(p.Text("code.passport-too-few-blank-pages"));
        await p.CheckAsync("refused");

        await p.PressAsync("refused.correct");
        await p.ExpectPageAsync("check.title");
        await p.PressAsync(p.Page.Locator("a[href='#/apply/condition?change']").First);
        await p.ExpectPageAsync("apply.condition-title");
        await p.FillAsync("blankPages", "6");
        await p.PressAsync("form.continue");
        await p.ExpectPageAsync("check.title");
        await p.PressAsync("check.submit");
    }

    private static async Task<string> ConfirmAsync(PortalDriver p, PipelineScenario guest)
    {
        // R10: the draft beside what was typed, to compare with the passport.
        await p.ExpectPageAsync("draft.title");
        var table = p.Page.Locator("main table");
        await Assertions.Expect(table).ToContainTextAsync(guest.PassportNumber);
        await Assertions.Expect(table).ToContainTextAsync(guest.Surname.ToUpperInvariant());
        await Assertions.Expect(p.Page.Locator("main")).ToContainTextAsync(p.Text("checkpoint.NQZ"));
        await p.CheckAsync("draft");
        var applicationId = Regex.Match(p.Page.Url, "#/applications/([0-9a-f]+)").Groups[1].Value;
        Assert.NotEmpty(applicationId);
        await p.PressAsync("draft.confirm");
        await p.ExpectPageAsync("pay.title");
        await p.CheckAsync("pay");
        return applicationId;
    }

    private static async Task<string> PayAndWatchUntilIssuedAsync(PortalDriver p)
    {
        // A declined payment brings the applicant back to try again.
        await p.PressAsync("pay.button");
        await p.Page.WaitForURLAsync(new Regex("/dev/payment-provider/checkout"));
        await p.PressAsync(p.Page.GetByRole(AriaRole.Button, new() { Name = "Decline" }));
        await p.ExpectPageAsync("pay.title");
        await Assertions.Expect(p.Page.Locator("main")).ToContainTextAsync(p.Text("pay.failed"), new() { Timeout = 60_000 });
        await p.CheckAsync("pay-failed");

        await p.PressAsync("pay.retry");
        await p.Page.WaitForURLAsync(new Regex("/dev/payment-provider/checkout"));
        await p.PressAsync(p.Page.GetByRole(AriaRole.Button, new() { Name = "Pay" }));
        await p.Page.WaitForURLAsync(new Regex("#/applications/"));
        // The status page follows the application on its own: the marker survives, so the page never reloaded.
        await p.Page.EvaluateAsync("() => { window.evisaMarker = 'same page'; }");
        await p.ExpectPageAsync("issued.title");
        Assert.Equal("same page", await p.Page.EvaluateAsync<string>("() => window.evisaMarker"));
        await Assertions.Expect(p.Page.Locator("main")).ToContainTextAsync(p.Text("issued.next-arrival-notice"));
        await p.CheckAsync("issued");
        var visaNumber = (await p.Page.Locator(".panel--confirmation strong").TextContentAsync())!.Trim();
        Assert.NotEmpty(visaNumber);
        return visaNumber;
    }

    /// <summary>R11: the PDF the button saves is the signed visa with this number.</summary>
    private static async Task DownloadAsync(PortalDriver p, string visaNumber)
    {
        var download = await p.Page.RunAndWaitForDownloadAsync(() => p.PressAsync("issued.download"));
        using var pdf = PdfDocument.Open(await File.ReadAllBytesAsync((await download.PathAsync())!));
        Assert.Contains(visaNumber, string.Concat(pdf.GetPages().Select(page => page.Text)), StringComparison.Ordinal);
    }

    private static async Task FindWithoutSigningInAsync(PortalDriver p, string applicationId, PipelineScenario guest, string visaNumber)
    {
        await p.Page.GotoAsync("/");
        await p.ExpectPageAsync("start.title");
        await p.PressAsync("start.find");
        await p.ExpectPageAsync("find.title");
        await p.CheckAsync("find");

        // A wrong detail answers as "not found", never which detail was wrong.
        await p.FillAsync("applicationId", applicationId);
        await p.FillAsync("passportNumber", "X" + guest.PassportNumber[1..]);
        await p.FillAsync("dateOfBirth", guest.DateOfBirth);
        await p.PressAsync("find.button");
        await Assertions.Expect(p.Page.Locator(".error-summary")).ToContainTextAsync(p.Text("find.not-found"));
        await p.CheckAsync("find-not-found");

        await p.FillAsync("passportNumber", guest.PassportNumber);
        await p.PressAsync("find.button");
        await p.ExpectPageAsync("issued.title");
        await p.CheckAsync("find-issued");
        await DownloadAsync(p, visaNumber);

        // After a few failures the lookup is refused for a while, and the page says for how long.
        await p.Page.GotoAsync("/#/find");
        await p.ExpectPageAsync("find.title");
        var limited = p.Text("code.too-many-attempts").Split('{')[0].Trim();
        for (var attempt = 0; attempt < 10; attempt++)
        {
            await p.FillAsync("applicationId", applicationId);
            await p.FillAsync("passportNumber", "Y" + guest.PassportNumber[1..]);
            await p.FillAsync("dateOfBirth", guest.DateOfBirth);
            await p.PressAsync("find.button");
            await Assertions.Expect(p.Page.Locator(".error-summary")).ToBeVisibleAsync();
            if ((await p.Page.Locator(".error-summary").TextContentAsync())!.Contains(limited, StringComparison.Ordinal))
                break;
            Assert.True(attempt < 9, "the lookup was never limited");
        }

        await p.CheckAsync("find-rate-limited");
    }
}

public sealed class KazakhJourneyTests() : JourneyTests("kk", keyboardOnly: false);

public sealed class RussianJourneyTests() : JourneyTests("ru", keyboardOnly: false, screenshots: true);

/// <summary>English, with the keyboard alone: every field reached with Tab, every button pressed with Enter.</summary>
public sealed class EnglishKeyboardJourneyTests() : JourneyTests("en", keyboardOnly: true);
