using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EVisa.Core.Identity;
using EVisa.Core.Reminders;
using EVisa.Core.Rules;
using EVisa.Core.Storage;
using EVisa.Core.Visas;
using EVisa.DevServer;
using EVisa.Tests.Faults;
using EVisa.Tests.Foundation;
using EVisa.Tests.Infrastructure;
using EVisa.Tests.Pipeline;
using EVisa.Tests.Reminders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace EVisa.Tests.Staff;

/// <summary>
/// R13's overdue arrival notices as officers work them: an overdue notice, marked by the real sweep, is closed once as
/// filed late or referred, with a note, who and when; the list then shows open ones unless asked otherwise.
/// </summary>
public sealed class OverdueClosureTests
{
    [Fact]
    [Trait("Rule", "R13")]
    public async Task An_overdue_notice_is_closed_once_with_a_note_and_leaves_the_open_list()
    {
        var server = await TestServers.SharedAsync();
        var visaNumber = (await OverdueVisaAsync(server)).VisaNumber;
        var officer = server.ClientFor("officer-overdue", Role.Officer);
        var path = $"/api/arrival-notices/{visaNumber}/closure";

        var open = await ItemsAsync(officer, "");
        Assert.Equal(JsonValueKind.Null, Assert.Single(open, i => i.GetProperty("visaNumber").GetString() == visaNumber)
            .GetProperty("closure").ValueKind);

        // Every field error at once, nothing closed.
        var bad = await TokenTests.AssertProblemAsync(await officer.PostAsJsonAsync(path, new { outcome = "forgotten" }),
            HttpStatusCode.BadRequest, "validation-failed");
        Assert.True(bad.GetProperty("errors").TryGetProperty("outcome", out _));
        Assert.True(bad.GetProperty("errors").TryGetProperty("note", out _));

        // Three officers at once: one closes it, the others are told it is closed.
        var before = DateTimeOffset.UtcNow;
        var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => server.ClientFor($"officer-{i}", Role.Officer)
            .PostAsJsonAsync(path, new { outcome = i == 0 ? "filed-late" : "referred", note = $"note {i}" })));
        var won = Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        foreach (var lost in answers.Where(a => a != won))
            await TokenTests.AssertProblemAsync(lost, HttpStatusCode.Conflict, "already-closed");
        var item = await won.Content.ReadFromJsonAsync<JsonElement>();
        var closure = item.GetProperty("closure");
        var winner = closure.GetProperty("by").GetString()!;
        Assert.Equal(winner == "officer-0" ? "filed-late" : "referred", closure.GetProperty("outcome").GetString());
        Assert.Equal($"note {winner[^1]}", closure.GetProperty("note").GetString());
        Assert.InRange(closure.GetProperty("at").GetDateTimeOffset(), before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal(visaNumber, item.GetProperty("visaNumber").GetString());

        await TokenTests.AssertProblemAsync(await officer.PostAsJsonAsync(path, new { outcome = "referred", note = "again" }),
            HttpStatusCode.Conflict, "already-closed");
        Assert.DoesNotContain(await ItemsAsync(officer, ""), i => i.GetProperty("visaNumber").GetString() == visaNumber);
        Assert.DoesNotContain(await ItemsAsync(officer, "state=open&"), i => i.GetProperty("visaNumber").GetString() == visaNumber);
        var closed = Assert.Single(await ItemsAsync(officer, "state=closed&"), i => i.GetProperty("visaNumber").GetString() == visaNumber);
        Assert.Equal(winner, closed.GetProperty("closure").GetProperty("by").GetString());
        Assert.Single(await ItemsAsync(officer, "state=all&"), i => i.GetProperty("visaNumber").GetString() == visaNumber);
    }

    /// <summary>
    /// The notice filed late: the overdue item says when and where the guest stays, for the officer who closes it; the
    /// inviting party sees its own filing on its guest's visa.
    /// </summary>
    [Fact]
    [Trait("Rule", "R13")]
    public async Task A_notice_filed_late_shows_its_place_of_stay_to_the_officer_and_the_inviting_party()
    {
        var server = await TestServers.SharedAsync();
        var world = await OverdueVisaAsync(server);
        var officer = server.ClientFor("officer-overdue", Role.Officer);
        var open = Assert.Single(await ItemsAsync(officer, ""), i => i.GetProperty("visaNumber").GetString() == world.VisaNumber);
        Assert.Equal(JsonValueKind.Null, open.GetProperty("filedAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, open.GetProperty("placeOfStay").ValueKind);

        const string place = "Dostyk Avenue 5, apartment 12, Almaty";
        Assert.Equal(HttpStatusCode.OK, (await world.Scenario.Inviter.PostJsonAsync($"/api/visas/{world.VisaNumber}/arrival-notice",
            new { placeOfStay = place })).StatusCode);

        var filed = Assert.Single(await ItemsAsync(officer, ""), i => i.GetProperty("visaNumber").GetString() == world.VisaNumber);
        Assert.Equal(place, filed.GetProperty("placeOfStay").GetString());
        Assert.InRange(filed.GetProperty("filedAt").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        var closed = await officer.PostAsJsonAsync($"/api/arrival-notices/{world.VisaNumber}/closure", new { outcome = "filed-late", note = "filed a day late" });
        Assert.Equal(place, (await closed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("placeOfStay").GetString());

        var own = (await InvitationListTests.PagesAsync(world.Scenario.Inviter, "/api/invitations", 20)).SelectMany(p => p)
            .Single(i => i.GetProperty("invitationId").GetString() == world.InvitationId);
        var notice = own.GetProperty("guestVisa").GetProperty("arrivalNotice");
        Assert.Equal(place, notice.GetProperty("placeOfStay").GetString());
        Assert.Equal(filed.GetProperty("filedAt").GetDateTimeOffset(), notice.GetProperty("filedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_visa_with_no_overdue_notice_answers_404_and_a_bad_state_400()
    {
        var server = await TestServers.SharedAsync();
        var officer = server.ClientFor("officer-overdue", Role.Officer);
        await TokenTests.AssertProblemAsync(await officer.PostAsJsonAsync("/api/arrival-notices/0000000000/closure",
            new { outcome = "referred", note = "checked" }), HttpStatusCode.NotFound, "not-overdue");
        await TokenTests.AssertProblemAsync(await officer.GetAsync("/api/arrival-notices/overdue?state=done"),
            HttpStatusCode.BadRequest, "validation-failed");
    }

    /// <summary>
    /// A visa entered today whose notice the real sweep marks overdue in the server's own index: its steps are swept from
    /// a due table of this test's own, at the deadline on a clock the test moves.
    /// </summary>
    internal static async Task<IssuedWorld> OverdueVisaAsync(DevServerHost server)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var world = await IssuedWorld.CreateAsync(server, new PipelineScenario(server) { Entry = today, Exit = today.AddDays(10) });
        Assert.Equal(HttpStatusCode.Created, (await server.ClientFor("border-overdue", Role.Border).PostJsonAsync(
            $"/api/visas/{world.VisaNumber}/entries", new { checkpoint = "NQZ", passportNumber = world.Scenario.PassportNumber })).StatusCode);
        var services = server.Services;
        var visa = (await services.GetRequiredService<VisaStore>().GetAsync(world.VisaNumber, CancellationToken.None))!;
        var tables = services.GetRequiredService<StorageTables>();
        var clock = new MovableClock(DateTimeOffset.UtcNow);
        var sweep = new ArrivalNoticeReminders(tables, services.GetRequiredService<VisaStore>(), new OutboxStore(tables, clock), clock,
            NullLogger<ArrivalNoticeReminders>.Instance, "DueArrival" + Guid.NewGuid().ToString("N")[..12]);
        await sweep.ScheduleAsync(ArrivalNoticeReminders.Plan(visa.VisaNumber, visa.Entry!.At, visa.ArrivalNotice!, KazakhstanCalendar.Default));
        clock.Now = visa.ArrivalNotice!.Deadline;
        await sweep.RunAsync();
        return world;
    }

    private static async Task<List<JsonElement>> ItemsAsync(HttpClient officer, string query) =>
        [.. (await InvitationListTests.PagesAsync(officer, $"/api/arrival-notices/overdue?{query}".TrimEnd('&', '?'), 100)).SelectMany(p => p)];
}
