using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using EVisa.Core.Rules;
using EVisa.Core.Visas;
using EVisa.DevServer;
using EVisa.DevServer.Payments;
using EVisa.Tests.Infrastructure;
using EVisa.Tests.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace EVisa.Tests.Pages;

/// <summary>
/// The staff console in a real browser, each role in a browser context of its own, against the DevServer the portal's
/// journeys share: an inviting party registers an invitation, a migration officer approves it in the queue, the guest
/// applies and pays (over the API, as the portal's journeys already test those pages), a border officer verifies the
/// printed visa's seal in the page (a tampered one fails; with the service unreachable the seal still verifies, R11)
/// and records the entry at NQZ (R4), and the inviting party files the arrival notice (R13). The officer refuses
/// another invitation with a reason and reads the approved one's audit trail. axe-core checks every page;
/// nothing scrolls sideways at 360 px; screenshots of one language go to artifacts/screenshots/staff-ru.
/// </summary>
public abstract class StaffConsoleTests(string language, bool keyboardOnly, bool screenshots = false)
{
    [Fact]
    [Trait("Rule", "R2")]
    [Trait("Rule", "R4")]
    [Trait("Rule", "R11")]
    [Trait("Rule", "R13")]
    public async Task AnInvitationGoesFromItsRegistrationThroughApprovalAndTheBorderToTheArrivalNotice()
    {
        var server = await PortalServer.SharedAsync();
        var browser = await PortalBrowser.SharedAsync();
        // Entering today: the visa is valid from the intended entry.
        var today = KazakhstanTime.Today(TimeProvider.System);
        var guest = new PipelineScenario(server) { Entry = today, Exit = today.AddDays(10) };
        var folder = screenshots ? $"staff-{language}" : null;
        var inviter = await PortalDriver.OpenAsync(browser, server.BaseAddress, language, keyboardOnly, folder is null ? null : $"{folder}/inviter");
        var officer = await PortalDriver.OpenAsync(browser, server.BaseAddress, language, keyboardOnly, folder is null ? null : $"{folder}/officer");
        var border = await PortalDriver.OpenAsync(browser, server.BaseAddress, language, keyboardOnly, folder is null ? null : $"{folder}/border");
        try
        {
            await SignInAsync(inviter, "inviter", "staff.invitations.title");
            var invitationId = await RegisterAsync(inviter, guest);

            await SignInAsync(officer, "officer", "staff.officer.title");
            var invitationNumber = await ApproveAsync(officer, invitationId);
            await RefuseAnotherAsync(officer, server);

            // The inviting party sees the number to send the guest, with a button that copies it.
            await GoAsync(inviter, "/staff/#/invitations");
            await inviter.ExpectPageAsync("staff.invitations.title");
            await Assertions.Expect(inviter.Page.Locator("#invitations")).ToContainTextAsync(invitationNumber);
            await Assertions.Expect(inviter.Page.Locator("#invitations")).ToContainTextAsync(inviter.Text("staff.invitation.approved"));
            await inviter.CheckAsync("invitation-approved");

            var (visaNumber, seal) = await GuestAppliesAndPaysAsync(server, guest, invitationNumber);

            await SignInAsync(border, "border", "staff.border.title");
            await VerifyAndEnterAsync(border, guest, visaNumber, seal);

            await FileArrivalNoticeAsync(inviter, visaNumber);
            await AuditTrailAsync(officer, invitationId);

            Assert.Empty(inviter.ConsoleErrors);
            Assert.Empty(officer.ConsoleErrors);
            Assert.Empty(border.ConsoleErrors);
        }
        finally
        {
            await inviter.Page.Context.CloseAsync();
            await officer.Page.Context.CloseAsync();
            await border.Page.Context.CloseAsync();
        }
    }

    /// <summary>
    /// Opens a console page afresh, as a new document, even when the browser is on that address already. A hash change
    /// alone draws again in the same document; the reload that followed it once looked done while the old document still
    /// showed (a list test read a loaded list, then found the new document loading), so the page goes through a blank one.
    /// </summary>
    internal static async Task GoAsync(PortalDriver p, string address)
    {
        await p.Page.GotoAsync("about:blank");
        await p.Page.GotoAsync(address);
    }

    internal static async Task SignInAsync(PortalDriver p, string role, string homeTitle)
    {
        await p.Page.GotoAsync("/staff/");
        await p.ExpectPageAsync("staff.sign-in.title");
        await Assertions.Expect(p.Page.GetByText(p.Text("sign-in.development-title"))).ToBeVisibleAsync();
        if (role == "inviter")
            await p.CheckAsync("sign-in");
        await p.ChooseAsync("role", role);
        await p.PressAsync("sign-in.development-button");
        await p.ExpectPageAsync(homeTitle);
        await Assertions.Expect(p.Page.Locator("#account")).ToContainTextAsync(p.Text($"staff.role.{role}"));
    }

    private static async Task<string> RegisterAsync(PortalDriver p, PipelineScenario guest)
    {
        await p.CheckAsync("invitations-empty");
        await p.PressAsync("staff.invitations.register");
        await p.ExpectPageAsync("staff.register.title");
        await p.CheckAsync("register");

        // Nothing typed: every question is named in the error summary, which takes the focus.
        await p.PressAsync("staff.register.submit");
        await Assertions.Expect(p.Page.Locator(".error-summary")).ToBeFocusedAsync();
        await p.CheckAsync("register-errors");

        await p.FillAsync("guest.surname", guest.Surname);
        await p.FillAsync("guest.givenNames", guest.GivenNames);
        await p.FillAsync("guest.dateOfBirth", guest.DateOfBirth);
        await p.ChooseAsync("guest.sex", "M");
        await p.SelectAsync("guest.nationality", guest.Nationality);
        await p.FillAsync("guest.passportNumber", guest.PassportNumber);
        await p.ChooseAsync("category", guest.Category);
        await p.FillAsync("intendedEntry", PipelineScenario.Date(guest.Entry));
        await p.FillAsync("intendedExit", PipelineScenario.Date(guest.Exit));
        await p.FillAsync("purpose", "Tourism in Almaty");
        await p.FillAsync("contactEmail", guest.InviterEmail);
        await p.ChooseAsync("language", p.Language);
        await p.PressAsync("staff.register.submit");

        await p.ExpectPageAsync("staff.invitations.title");
        await Assertions.Expect(p.Page.Locator(".panel--success")).ToContainTextAsync(p.Text("staff.invitations.registered"));
        await Assertions.Expect(p.Page.Locator("#invitations")).ToContainTextAsync(guest.PassportNumber);
        await Assertions.Expect(p.Page.Locator("#invitations")).ToContainTextAsync(p.Text("staff.invitation.pending"));
        await p.CheckAsync("invitation-registered");
        return Regex.Match(p.Page.Url, "registered=([0-9a-f]+)").Groups[1].Value;
    }

    /// <summary>R2: the pending queue, oldest first with its age; one action approves and shows the 10-digit number.</summary>
    private static async Task<string> ApproveAsync(PortalDriver p, string invitationId)
    {
        await p.PressAsync(p.Page.Locator("#sections").GetByRole(AriaRole.Link, new() { Name = p.Text("staff.nav.pending") }));
        await p.ExpectPageAsync("staff.pending.title");
        var row = await PageUntilAsync(p, p.Page.Locator($"tr[data-invitation='{invitationId}']"));
        await p.CheckAsync("pending");
        await p.PressAsync(row.GetByRole(AriaRole.Button));
        var number = p.Page.Locator("#approved-number");
        await Assertions.Expect(number).ToHaveTextAsync(new Regex(@"^\d{10}$"));
        await Assertions.Expect(row).ToHaveCountAsync(0);
        await p.CheckAsync("approved");
        return (await number.TextContentAsync())!;
    }

    /// <summary>
    /// Follows a list's "next page" until the row shows: the shared server's queues hold other tests' items, and the
    /// pending queue reads oldest first.
    /// </summary>
    internal static async Task<ILocator> PageUntilAsync(PortalDriver p, ILocator row)
    {
        var next = p.Page.GetByRole(AriaRole.Link, new() { Name = p.Text("staff.next-page"), Exact = true });
        for (var page = 0; page < 50; page++)
        {
            // Loaded: nothing busy, and the list (or its "none") drawn; a page drawn again starts empty, and is not loaded.
            await Assertions.Expect(p.Page.Locator("main [aria-busy]")).ToHaveCountAsync(0);
            await Assertions.Expect(p.Page.Locator("main table, main p.empty")).Not.ToHaveCountAsync(0);
            if (await row.CountAsync() > 0)
                return row;
            if (await next.CountAsync() == 0)
                Assert.Fail($"{row} is on no page of the list; the page read: {await p.Page.Locator("main").InnerTextAsync()}");
            var before = p.Page.Url;
            await p.PressAsync(next);
            await p.Page.WaitForURLAsync(url => url != before);
        }

        throw new InvalidOperationException($"{row} not found in 50 pages");
    }

    /// <summary>R2: a refusal needs its reason, which the inviting party then reads.</summary>
    private static async Task RefuseAnotherAsync(PortalDriver p, DevServerHost server)
    {
        var other = new PipelineScenario(server);
        var created = await other.Inviter.PostAsJsonAsync("/api/invitations", other.InvitationBody());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("invitationId").GetString()!;

        await GoAsync(p, "/staff/#/officer");
        await p.ExpectPageAsync("staff.officer.title");
        await p.PressAsync(p.Page.Locator("#sections").GetByRole(AriaRole.Link, new() { Name = p.Text("staff.nav.pending") }));
        await p.ExpectPageAsync("staff.pending.title");
        var row = await PageUntilAsync(p, p.Page.Locator($"tr[data-invitation='{id}']"));
        await p.PressAsync(row.GetByRole(AriaRole.Link));
        await p.ExpectPageAsync("staff.refuse.title");
        await p.PressAsync("staff.refuse.submit");
        await Assertions.Expect(p.Page.Locator(".error-summary")).ToBeFocusedAsync();
        await p.CheckAsync("refuse-errors");
        await p.FillAsync("reason", "The guest's passport number does not match our records");
        await p.PressAsync("staff.refuse.submit");
        await p.ExpectPageAsync("staff.pending.title");
        await Assertions.Expect(p.Page.Locator(".panel--success")).ToContainTextAsync(p.Text("staff.pending.refused-now"));

        var seen = await other.Inviter.GetFromJsonAsync<JsonElement>($"/api/invitations/{id}");
        Assert.Equal("refused", seen.GetProperty("status").GetString());
        Assert.Equal("The guest's passport number does not match our records", seen.GetProperty("refusalReason").GetString());
    }

    /// <summary>The guest's part, over the API (the portal's journeys drive its pages): apply, confirm, pay; the visa and its seal.</summary>
    private static async Task<(string VisaNumber, string Seal)> GuestAppliesAndPaysAsync(DevServerHost server, PipelineScenario guest, string invitationNumber)
    {
        var view = await guest.SubmitForViewAsync(guest.ApplicationBody(invitationNumber));
        Assert.Equal("awaiting-confirmation", view.GetProperty("status").GetString());
        var applicationId = view.GetProperty("applicationId").GetString()!;
        Assert.Equal(HttpStatusCode.Accepted, (await guest.Applicant.PostAsync($"/api/applications/{applicationId}/confirmation", null)).StatusCode);
        var awaiting = await guest.StatusBecomesAsync(applicationId, "awaiting-payment");
        var payment = awaiting.GetProperty("payment");
        var provider = new PaymentProviderSimulator(server.Client(), PaymentProviderSimulator.DevelopmentSecret);
        var paid = await provider.SendAsync(new SimulatedPayment(payment.GetProperty("paymentReference").GetString()!,
            payment.GetProperty("amountMinor").GetInt64(), payment.GetProperty("currency").GetString()!, EventId: PaymentProviderSimulator.NewEventId()));
        Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        var issued = await guest.StatusBecomesAsync(applicationId, "issued", TimeSpan.FromSeconds(90));
        var visaNumber = issued.GetProperty("visaNumber").GetString()!;
        // The text the visa's QR code carries (the PDF tests read the same text back from the printed code).
        var seal = (await server.Services.GetRequiredService<VisaStore>().GetAsync(visaNumber, CancellationToken.None))!.SealText;
        return (visaNumber, seal);
    }

    /// <summary>R11, R10, R4: the seal checked in the page, a tampered one refused, offline still verified, the entry recorded.</summary>
    private static async Task VerifyAndEnterAsync(PortalDriver p, PipelineScenario guest, string visaNumber, string seal)
    {
        await Assertions.Expect(p.Page.Locator("#keys-status")).ToContainTextAsync(p.Text("staff.border.keys-fresh", ("count", "")).Split('(')[0]);
        await p.CheckAsync("verify");

        // One signature character changed: the page's own check finds the seal forged.
        var tampered = seal[..^3] + (seal[^3] == 'A' ? "B" : "A") + seal[^2..];
        await p.FillAsync("code", tampered);
        await p.FillAsync("passportNumber", guest.PassportNumber);
        await p.ChooseAsync("checkpoint", "NQZ");
        await p.PressAsync("staff.border.verify");
        await Assertions.Expect(p.Page.Locator("#result-title")).ToHaveTextAsync(p.Text("staff.border.invalid"));
        await Assertions.Expect(p.Page.Locator("#reasons [data-reason='seal-bad-signature']")).ToBeVisibleAsync();
        await Assertions.Expect(p.Page.GetByRole(AriaRole.Button, new() { Name = p.Text("staff.border.record-entry", ("checkpoint", p.Text("checkpoint.NQZ"))) })).ToHaveCountAsync(0);
        await p.CheckAsync("verify-forged");

        // The service unreachable: the seal alone still says the visa is genuine, and the page says what it could not check.
        await p.Page.RouteAsync("**/api/visas/**", route => route.AbortAsync());
        await p.FillAsync("code", seal);
        await p.PressAsync("staff.border.verify");
        await Assertions.Expect(p.Page.Locator("#verdict")).ToContainTextAsync(p.Text("staff.border.offline"));
        await Assertions.Expect(p.Page.Locator("#verdict")).ToContainTextAsync(p.Text("staff.border.seal-valid", ("key", seal.Split('.')[1])));
        await Assertions.Expect(p.Page.Locator("main")).ToContainTextAsync(guest.PassportNumber);
        await p.Page.UnrouteAsync("**/api/visas/**");

        // Another passport than the visa's (R10): the seal's own data says so before the service does.
        await p.FillAsync("passportNumber", "X1234567");
        await p.PressAsync("staff.border.verify");
        await Assertions.Expect(p.Page.Locator("#reasons [data-reason='passport-mismatch']")).ToBeVisibleAsync();

        await p.FillAsync("passportNumber", guest.PassportNumber);
        await p.PressAsync("staff.border.verify");
        await Assertions.Expect(p.Page.Locator("#result-title")).ToHaveTextAsync(p.Text("staff.border.valid"));
        await Assertions.Expect(p.Page.Locator("#result-visa")).ToHaveTextAsync(visaNumber);
        await p.CheckAsync("verify-valid");
        await p.PressAsync("staff.border.record-entry", ("checkpoint", p.Text("checkpoint.NQZ")));
        await Assertions.Expect(p.Page.Locator("#result .panel--success")).ToContainTextAsync(
            p.Text("staff.border.entry-recorded", ("checkpoint", p.Text("checkpoint.NQZ")), ("at", "")).Split(',')[0]);
        await p.CheckAsync("entry-recorded");

        var recordEntry = p.Page.GetByRole(AriaRole.Button, new() { Name = p.Text("staff.border.record-entry", ("checkpoint", p.Text("checkpoint.NQZ"))) });
        await Assertions.Expect(recordEntry).ToHaveCountAsync(0);

        // The number typed instead of the code scanned, at the other airport: the holder is in, so only the exit is offered.
        await p.FillAsync("code", visaNumber);
        await p.ChooseAsync("checkpoint", "ALA");
        await p.PressAsync("staff.border.verify");
        await Assertions.Expect(p.Page.Locator("#result-title")).ToHaveTextAsync(p.Text("staff.border.valid"));
        await Assertions.Expect(p.Page.GetByRole(AriaRole.Button, new() { Name = p.Text("staff.border.record-entry", ("checkpoint", p.Text("checkpoint.ALA"))) })).ToHaveCountAsync(0);
        await p.PressAsync("staff.border.record-exit", ("checkpoint", p.Text("checkpoint.ALA")));
        await Assertions.Expect(p.Page.Locator("#result .panel--success")).ToContainTextAsync(p.Text("checkpoint.ALA"));

        // Entered and left: the single entry is spent (R1).
        await p.PressAsync("staff.border.verify");
        await Assertions.Expect(p.Page.Locator("#reasons [data-reason='already-used']")).ToBeVisibleAsync();
        await p.CheckAsync("verify-used");
    }

    /// <summary>R13: the entered guest's arrival notice, filed with the place of stay.</summary>
    private static async Task FileArrivalNoticeAsync(PortalDriver p, string visaNumber)
    {
        await GoAsync(p, "/staff/#/invitations");
        await p.ExpectPageAsync("staff.invitations.title");
        await Assertions.Expect(p.Page.Locator("#invitations")).ToContainTextAsync(visaNumber);
        await p.CheckAsync("guest-entered");
        await p.PressAsync(p.Page.Locator($"a[href='#/arrival-notice/{visaNumber}']"));
        await p.ExpectPageAsync("staff.notice.title");
        await p.CheckAsync("arrival-notice");
        await p.FillAsync("placeOfStay", "Abay Avenue 10, apartment 5, Almaty");
        await p.PressAsync("staff.notice.submit");
        await p.ExpectPageAsync("staff.invitations.title");
        await Assertions.Expect(p.Page.Locator(".panel--success")).ToContainTextAsync(visaNumber);
        await Assertions.Expect(p.Page.Locator($"a[href='#/arrival-notice/{visaNumber}']")).ToHaveCountAsync(0);
        // The party's own filing shown back with the guest's visa.
        await Assertions.Expect(p.Page.Locator("#invitations .place-of-stay")).ToContainTextAsync(
            p.Text("staff.notice.place", ("place", "Abay Avenue 10, apartment 5, Almaty")));
        await p.CheckAsync("arrival-notice-filed");
    }

    /// <summary>The audit trail of the approved invitation: the officer's decision, with its outcome.</summary>
    private static async Task AuditTrailAsync(PortalDriver p, string invitationId)
    {
        await GoAsync(p, $"/staff/#/officer/audit?resourceType=invitation&resourceId={invitationId}");
        await p.ExpectPageAsync("staff.audit.title");
        var trail = p.Page.Locator("#audit");
        await Assertions.Expect(trail).ToContainTextAsync(invitationId);
        await Assertions.Expect(trail.Locator("tbody tr").Filter(new() { HasText = p.Text("staff.audit.succeeded") }).First).ToBeVisibleAsync();
        await Assertions.Expect(trail).ToContainTextAsync(p.Text("staff.role.officer"));
        await p.CheckAsync("audit");
    }
}

public sealed class KazakhStaffConsoleTests() : StaffConsoleTests("kk", keyboardOnly: false);

public sealed class RussianStaffConsoleTests() : StaffConsoleTests("ru", keyboardOnly: false, screenshots: true);

/// <summary>English, with the keyboard alone.</summary>
public sealed class EnglishKeyboardStaffConsoleTests() : StaffConsoleTests("en", keyboardOnly: true);
