using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using EVisa.Core.Identity;
using EVisa.Core.Payments;
using EVisa.Core.Workflow;
using EVisa.DevServer;
using EVisa.DevServer.Payments;
using EVisa.Tests.Infrastructure;
using EVisa.Tests.Pipeline;
using EVisa.Tests.Staff;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace EVisa.Tests.Pages;

/// <summary>
/// The migration officer's worklists in a real browser, against the DevServer and the Chromium the other page tests
/// share (no server of their own): payment reviews resolved for good (credited, returned, dismissed; shown with who
/// and when), stuck applications restarted or ended, overdue arrival notices closed as filed late or referred,
/// applications by status, and a visa revoked with a reason. The states they need are made through the real API and
/// the real sweeps, as the server tests make them. English with the mouse (the console's journeys cover the keyboard
/// and the other languages); axe-core and 360 px on every page; screenshots in artifacts/screenshots/staff-officer.
/// </summary>
public sealed class StaffOfficerTests
{
    [Fact]
    [Trait("Rule", "R8")]
    public async Task Payment_reviews_are_resolved_for_good_as_credited_returned_or_dismissed()
    {
        var server = await PortalServer.SharedAsync();
        var scenario = new PipelineScenario(server);
        var applicationId = await scenario.AwaitingPaymentAsync();
        var fee = (await server.Services.GetRequiredService<PaymentRequestStore>().GetByApplicationAsync(applicationId))!.Request;
        // Three payments of the fee under references the webhook cannot match: each is kept for an officer (R8).
        var provider = new PaymentProviderSimulator(server.Client(), PaymentProviderSimulator.DevelopmentSecret);
        var references = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var reference = "PAY-TYPO-" + Guid.NewGuid().ToString("N")[..8];
            var paid = await provider.SendAsync(new SimulatedPayment(reference, fee.AmountMinor, fee.Currency, EventId: PaymentProviderSimulator.NewEventId()));
            Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
            references.Add(reference);
        }

        await AsOfficerAsync(server, "payments", async (p, subject) =>
        {
            var credited = await ResolveAsync(p, references[0], "credited", "Reference mistyped by the payer", applicationId, subject);
            await ResolveAsync(p, references[1], "returned", "Returned to the payer by the provider", null, subject);
            await ResolveAsync(p, references[2], "dismissed", "A test payment of the provider", null, subject);

            // The credit reached the application: its visa is issued.
            await scenario.StatusBecomesAsync(applicationId, "issued", TimeSpan.FromSeconds(90));

            // Final: resolving it again is refused, and the page says why.
            await StaffConsoleTests.GoAsync(p, "/staff/" + credited);
            await p.ExpectPageAsync("staff.resolution.title");
            await p.ChooseAsync("outcome", "dismissed");
            await p.FillAsync("note", "once more");
            await p.PressAsync("staff.resolution.submit");
            await Assertions.Expect(p.Page.Locator(".error-summary")).ToContainTextAsync(p.Text("code.review-already-resolved"));
            await p.CheckAsync("resolution-final");
        });
    }

    [Fact]
    [Trait("Rule", "R6")]
    public async Task Stuck_applications_are_restarted_or_ended_with_a_note()
    {
        var server = await PortalServer.SharedAsync();
        var restarted = new PipelineScenario(server);
        var ended = new PipelineScenario(server);
        var ids = await Task.WhenAll(restarted.ApplyAsync(), ended.ApplyAsync());
        var (restartedId, endedId) = (ids[0], ids[1]);
        await Task.WhenAll(ids.Select(id => StuckClosureTests.LoseOrchestrationAsync(server, id, ApplicationStatus.AwaitingConfirmation)));

        await AsOfficerAsync(server, "stuck", async (p, subject) =>
        {
            await CloseAsync(p, "#/officer/stuck", "staff.stuck.title", "stuck", restartedId, "restarted", "Instance terminated by mistake", subject);
            await CloseAsync(p, "#/officer/stuck", "staff.stuck.title", "stuck", endedId, "ended", "Applicant asked to start again", subject);
        });

        // Restarted: a new orchestration waits for the confirmation and moves on. Ended: cancelled.
        Assert.Equal(HttpStatusCode.Accepted, (await restarted.Applicant.PostAsync($"/api/applications/{restartedId}/confirmation", null)).StatusCode);
        await restarted.StatusBecomesAsync(restartedId, "awaiting-payment");
        await ended.StatusBecomesAsync(endedId, "cancelled");
    }

    /// <summary>
    /// R13's overdue notices closed as filed late or referred; the issued application found by its status; the
    /// referred guest's visa revoked with a reason, which the border's verification then gives.
    /// </summary>
    [Fact]
    [Trait("Rule", "R13")]
    public async Task Overdue_arrival_notices_are_closed_an_application_found_by_status_and_a_visa_revoked()
    {
        var server = await PortalServer.SharedAsync();
        var overdue = await Task.WhenAll(OverdueClosureTests.OverdueVisaAsync(server), OverdueClosureTests.OverdueVisaAsync(server));
        var (late, referred) = (overdue[0], overdue[1]);

        await AsOfficerAsync(server, "overdue", async (p, subject) =>
        {
            // The inviting party files late: the officer sees when, and where the guest stays, before closing it.
            const string place = "Kabanbay Batyr 15, apartment 3, Astana";
            Assert.Equal(HttpStatusCode.OK, (await late.Scenario.Inviter.PostAsJsonAsync($"/api/visas/{late.VisaNumber}/arrival-notice",
                new { placeOfStay = place })).StatusCode);
            await StaffConsoleTests.GoAsync(p, "/staff/#/officer/arrival-notices");
            await p.ExpectPageAsync("staff.overdue.title");
            var filed = await StaffConsoleTests.PageUntilAsync(p, p.Page.Locator("#overdue tbody tr").Filter(new() { HasText = late.VisaNumber }));
            await Assertions.Expect(filed.Locator(".place-of-stay")).ToHaveTextAsync(p.Text("staff.notice.place", ("place", place)));
            await p.CheckAsync("overdue-notice-filed");
            Assert.DoesNotContain(PortalServer.Logs.Lines, line => line.Contains(place, StringComparison.Ordinal));
            await CloseAsync(p, "#/officer/arrival-notices", "staff.overdue.title", "overdue", late.VisaNumber, "filed-late",
                "Filed on the fourth working day", subject);
            await CloseAsync(p, "#/officer/arrival-notices", "staff.overdue.title", "overdue", referred.VisaNumber, "referred",
                "Inviting party unreachable; referred to the regional office", subject);

            // Applications by status: the issued one is listed under issued.
            await p.PressAsync(p.Page.Locator("#sections").GetByRole(AriaRole.Link, new() { Name = p.Text("staff.nav.applications"), Exact = true }));
            await p.ExpectPageAsync("staff.applications.title");
            await p.SelectAsync("status", "issued");
            await p.PressAsync("staff.applications.show");
            await p.Page.WaitForURLAsync(new Regex("status=issued"));
            await Assertions.Expect(p.Page.Locator("#applications caption")).ToHaveTextAsync(
                p.Text("staff.applications.caption", ("status", p.Text("staff.application-status.issued"))));
            await StaffConsoleTests.PageUntilAsync(p, p.Page.Locator("#applications tbody tr").Filter(new() { HasText = late.ApplicationId }));
            await p.CheckAsync("applications-issued");

            // Revoke the referred guest's visa with a reason: the page confirms it, and the border sees it revoked.
            await p.PressAsync(p.Page.Locator("#sections").GetByRole(AriaRole.Link, new() { Name = p.Text("staff.nav.revoke") }));
            await p.ExpectPageAsync("staff.revoke.title");
            await p.PressAsync("staff.revoke.submit");
            await Assertions.Expect(p.Page.Locator(".error-summary")).ToBeFocusedAsync();
            await p.FillAsync("visaNumber", referred.VisaNumber);
            await p.FillAsync("reason", "Stay not declared; referred");
            await p.PressAsync("staff.revoke.submit");
            await Assertions.Expect(p.Page.Locator(".panel--success")).ToContainTextAsync(
                p.Text("staff.revoke.done", ("visa", referred.VisaNumber), ("at", "")).Split('(')[0]);
            await p.CheckAsync("revoked");
            var verified = await server.ClientFor("border-revoked", Role.Border).GetFromJsonAsync<JsonElement>(
                $"/api/visas/{referred.VisaNumber}/verification?passportNumber={referred.Scenario.PassportNumber}");
            Assert.False(verified.GetProperty("valid").GetBoolean());
            Assert.Contains(verified.GetProperty("reasons").EnumerateArray(), r => r.GetString() == "revoked");
        });
    }

    /// <summary>
    /// An officer's work in a browser context of its own on the shared server and browser: signed in with the development
    /// sign-in, given the subject a closure shows as who; no script error on the way.
    /// </summary>
    private static async Task AsOfficerAsync(DevServerHost server, string name, Func<PortalDriver, string, Task> work)
    {
        var p = await PortalDriver.OpenAsync(await PortalBrowser.SharedAsync(), server.BaseAddress, "en", keyboardOnly: false, $"staff-officer/{name}");
        try
        {
            await StaffConsoleTests.SignInAsync(p, "officer", "staff.officer.title");
            await work(p, await SubjectAsync(p));
            Assert.Empty(p.ConsoleErrors);
        }
        finally
        {
            await p.Page.Context.CloseAsync();
        }
    }

    /// <summary>The subject the development sign-in gave this browser's officer: what a closure shows as who.</summary>
    private static async Task<string> SubjectAsync(PortalDriver p) =>
        (await p.Page.EvaluateAsync<string>("() => localStorage.getItem('evisa.staff-subject.officer')"))!;

    /// <summary>Resolves the review of the payment with this reference; returns the address of its resolution page.</summary>
    private static async Task<string> ResolveAsync(PortalDriver p, string reference, string outcome, string note, string? applicationId, string subject)
    {
        // Loaded afresh: the list the last resolution left on screen has the same heading.
        await StaffConsoleTests.GoAsync(p, "/staff/#/officer/payments");
        await p.ExpectPageAsync("staff.payments.title");
        var row = await StaffConsoleTests.PageUntilAsync(p, p.Page.Locator("#reviews tbody tr").Filter(new() { HasText = reference }));
        var resolve = row.GetByRole(AriaRole.Link, new() { Name = p.Text("staff.resolution.resolve") });
        var address = (await resolve.GetAttributeAsync("href"))!;
        await p.PressAsync(resolve);
        await p.ExpectPageAsync("staff.resolution.title");
        await p.ChooseAsync("outcome", outcome);
        if (applicationId is not null)
            await p.FillAsync("applicationId", applicationId);
        await p.FillAsync("note", note);
        await p.PressAsync("staff.resolution.submit");

        await p.ExpectPageAsync("staff.payments.title");
        await Assertions.Expect(p.Page.Locator(".panel--success")).ToContainTextAsync(p.Text("staff.resolution.done"));
        var resolved = await StaffConsoleTests.PageUntilAsync(p, p.Page.Locator("#reviews tbody tr").Filter(new() { HasText = reference }));
        await ExpectClosureAsync(p, resolved, outcome, note, subject);
        if (outcome == "credited")
            await p.CheckAsync("review-credited");
        return address;
    }

    /// <summary>Closes a stuck application or an overdue notice from its list, then finds it closed, with who, when and the note.</summary>
    private static async Task CloseAsync(PortalDriver p, string route, string title, string list, string id, string outcome, string note, string subject)
    {
        // Loaded afresh: the list the last closure left on screen has the same heading.
        await StaffConsoleTests.GoAsync(p, "/staff/" + route);
        await p.ExpectPageAsync(title);
        var row = await StaffConsoleTests.PageUntilAsync(p, p.Page.Locator($"#{list} tbody tr").Filter(new() { HasText = id }));
        await p.PressAsync(row.GetByRole(AriaRole.Link, new() { Name = p.Text("staff.closure.close") }));
        await p.ExpectPageAsync(list == "stuck" ? "staff.closure.stuck-title" : "staff.closure.overdue-title");
        await p.PressAsync("staff.closure.submit");
        await Assertions.Expect(p.Page.Locator(".error-summary")).ToBeFocusedAsync();
        await p.ChooseAsync("outcome", outcome);
        await p.FillAsync("note", note);
        await p.PressAsync("staff.closure.submit");

        await p.ExpectPageAsync(title);
        await Assertions.Expect(p.Page.Locator(".panel--success")).ToContainTextAsync(p.Text("staff.closure.done"));
        var closed = await StaffConsoleTests.PageUntilAsync(p, p.Page.Locator($"#{list} tbody tr").Filter(new() { HasText = id }));
        await ExpectClosureAsync(p, closed, outcome, note, subject);
        await p.CheckAsync($"{list}-{outcome}");
    }

    private static async Task ExpectClosureAsync(PortalDriver p, ILocator row, string outcome, string note, string subject)
    {
        await Assertions.Expect(row).ToContainTextAsync(p.Text($"staff.outcome.{outcome}"));
        await Assertions.Expect(row).ToContainTextAsync(note);
        await Assertions.Expect(row).ToContainTextAsync(p.Text("staff.closure.by", ("by", subject), ("at", "")).TrimEnd(' ', ','));
        // Final: no action is offered on a closed item.
        await Assertions.Expect(row.GetByRole(AriaRole.Link, new() { Name = p.Text("staff.closure.close") })).ToHaveCountAsync(0);
        await Assertions.Expect(row.GetByRole(AriaRole.Link, new() { Name = p.Text("staff.resolution.resolve") })).ToHaveCountAsync(0);
    }
}
