using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using EVisa.Core.Identity;
using EVisa.Core.Rules;
using EVisa.Core.Storage;
using EVisa.Core.Visas;
using EVisa.Tests.Faults;
using EVisa.Tests.Foundation;
using EVisa.Tests.Infrastructure;
using EVisa.Tests.Pipeline;
using Microsoft.Extensions.DependencyInjection;

namespace EVisa.Tests.Staff;

/// <summary>
/// The staff console's lists of invitations over real HTTP: an inviting party's own, newest first, with its guests'
/// visas (R13), and the officers' queue of pending ones, oldest first, that a decision leaves (R2).
/// </summary>
public sealed class InvitationListTests
{
    [Fact]
    [Trait("Rule", "R2")]
    public async Task An_inviter_lists_only_its_own_invitations_newest_first_a_page_at_a_time()
    {
        var server = await TestServers.SharedAsync();
        var scenario = new PipelineScenario(server);
        var registered = new List<string>();
        for (var i = 0; i < 3; i++)
            registered.Add(await RegisterAsync(scenario));
        var stranger = new PipelineScenario(server);
        var theirs = await RegisterAsync(stranger);

        var pages = await PagesAsync(scenario.Inviter, "/api/invitations", pageSize: 2);

        Assert.Equal(2, pages.Count);
        Assert.Equal(2, pages[0].Count);
        var listed = pages.SelectMany(p => p).ToList();
        Assert.Equal(Enumerable.Reverse(registered), listed.Select(i => i.GetProperty("invitationId").GetString()));
        Assert.DoesNotContain(listed, i => i.GetProperty("invitationId").GetString() == theirs);
        var first = listed[^1];
        Assert.Equal("pending", first.GetProperty("status").GetString());
        Assert.Equal(scenario.PassportNumber, first.GetProperty("guest").GetProperty("passportNumber").GetString());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("guestVisa").ValueKind);
        Assert.Equal([theirs], (await PagesAsync(stranger.Inviter, "/api/invitations", 20)).SelectMany(p => p)
            .Select(i => i.GetProperty("invitationId").GetString()));
    }

    [Fact]
    [Trait("Rule", "R13")]
    public async Task An_inviters_list_shows_its_guests_visa_the_entry_and_the_arrival_notice_owed()
    {
        var server = await TestServers.SharedAsync();
        // Valid from today, so the border may record the entry now.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var world = await IssuedWorld.CreateAsync(server, new PipelineScenario(server) { Entry = today, Exit = today.AddDays(10) });

        var issued = await OwnItemAsync(world);
        var visa = issued.GetProperty("guestVisa");
        Assert.Equal(world.VisaNumber, visa.GetProperty("visaNumber").GetString());
        Assert.Equal(world.ApplicationId, visa.GetProperty("applicationId").GetString());
        Assert.Equal(PipelineScenario.Date(world.Scenario.Entry), visa.GetProperty("validFrom").GetString());
        Assert.False(visa.GetProperty("revoked").GetBoolean());
        Assert.Equal(JsonValueKind.Null, visa.GetProperty("entry").ValueKind);
        Assert.Equal(JsonValueKind.Null, visa.GetProperty("arrivalNotice").ValueKind);
        Assert.True(issued.GetProperty("used").GetBoolean());

        Assert.Equal(HttpStatusCode.Created, (await server.ClientFor("border-list", Role.Border).PostJsonAsync(
            $"/api/visas/{world.VisaNumber}/entries", new { checkpoint = "ALA", passportNumber = world.Scenario.PassportNumber })).StatusCode);

        var entered = (await OwnItemAsync(world)).GetProperty("guestVisa");
        Assert.Equal("ALA", entered.GetProperty("entry").GetProperty("checkpoint").GetString());
        Assert.Equal(JsonValueKind.Null, entered.GetProperty("exit").ValueKind);
        var notice = entered.GetProperty("arrivalNotice");
        Assert.Equal(JsonValueKind.Null, notice.GetProperty("filedAt").ValueKind);
        Assert.False(notice.GetProperty("overdue").GetBoolean());
        Assert.True(notice.GetProperty("deadline").GetDateTimeOffset() > entered.GetProperty("entry").GetProperty("at").GetDateTimeOffset());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", notice.GetProperty("lastDay").GetString());
    }

    [Fact]
    [Trait("Rule", "R13")]
    public void An_unfiled_notice_is_overdue_from_its_deadline_and_a_filed_one_never()
    {
        var deadline = new DateTimeOffset(2031, 3, 5, 19, 0, 0, TimeSpan.Zero);
        var visa = new VisaRecord("1234567890", "application", "applicant", "inviter", "1234567890", "P1234567", "LI", "WEI", "CHN",
            new DateOnly(1990, 5, 1), Sex.Male, VisaCategory.Tourist, new DateOnly(2031, 3, 1), new DateOnly(2031, 3, 30),
            new DateOnly(2031, 2, 20), "seal", "1234567890.pdf", Entry: new VisaCrossing(deadline.AddDays(-4), "NQZ"),
            ArrivalNotice: new ArrivalNoticeState(new DateOnly(2031, 3, 5), deadline, null));

        Assert.False(GuestVisa.Of(visa, deadline.AddTicks(-1)).ArrivalNotice!.Overdue);
        Assert.True(GuestVisa.Of(visa, deadline).ArrivalNotice!.Overdue);
        var filed = visa with { ArrivalNotice = visa.ArrivalNotice! with { FiledAt = deadline.AddDays(-1) } };
        Assert.False(GuestVisa.Of(filed, deadline.AddDays(5)).ArrivalNotice!.Overdue);
        Assert.True(GuestVisa.Of(visa with { Revocation = new VisaRevocation(deadline, "passport-replaced", "officer") }, deadline).Revoked);
    }

    [Fact]
    [Trait("Rule", "R2")]
    public async Task Officers_see_pending_invitations_oldest_first_until_a_decision_takes_one_out()
    {
        var server = await TestServers.SharedAsync();
        var scenario = new PipelineScenario(server);
        var older = await RegisterAsync(scenario);
        var newer = await RegisterAsync(scenario);

        var pending = await PendingIdsAsync(scenario.Officer);
        Assert.True(pending.IndexOf(older) >= 0 && pending.IndexOf(older) < pending.IndexOf(newer), "oldest first");

        var decided = await scenario.Officer.PostAsJsonAsync($"/api/invitations/{older}/decision", new { decision = "approve" });
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        pending = await PendingIdsAsync(scenario.Officer);
        Assert.DoesNotContain(older, pending);
        Assert.Contains(newer, pending);

        var item = (await PagesAsync(scenario.Officer, "/api/invitations/pending", 100)).SelectMany(p => p)
            .Single(i => i.GetProperty("invitationId").GetString() == newer);
        Assert.Equal("pending", item.GetProperty("status").GetString());
        Assert.True(item.GetProperty("registeredAt").GetDateTimeOffset() <= DateTimeOffset.UtcNow);
    }

    [Fact]
    [Trait("Rule", "R2")]
    public async Task A_row_left_by_a_crash_after_the_decision_is_skipped_and_removed()
    {
        var server = await TestServers.SharedAsync();
        var scenario = new PipelineScenario(server);
        var id = await RegisterAsync(scenario);
        var index = await server.Services.GetRequiredService<StorageTables>().GetAsync(StorageTables.PendingInvitations);
        TableEntity? row = null;
        await foreach (var pendingRow in index.QueryAsync<TableEntity>("PartitionKey eq 'pending'"))
        {
            if (pendingRow.GetString("InvitationId") == id)
                row = pendingRow;
        }

        Assert.NotNull(row);
        Assert.Equal(HttpStatusCode.OK, (await scenario.Officer.PostAsJsonAsync($"/api/invitations/{id}/decision",
            new { decision = "refuse", reason = "unknown company" })).StatusCode);

        // As if the process had died between the decision and the removal of the row.
        await index.UpsertEntityAsync(row!);

        Assert.DoesNotContain(id, await PendingIdsAsync(scenario.Officer));
        Assert.False((await index.GetEntityIfExistsAsync<TableEntity>(row!.PartitionKey, row.RowKey)).HasValue);
    }

    [Fact]
    public async Task A_page_of_index_rows_the_list_skips_does_not_end_the_list()
    {
        var server = await TestServers.SharedAsync();
        var scenario = new PipelineScenario(server);
        var id = await RegisterAsync(scenario);
        var index = await server.Services.GetRequiredService<StorageTables>().GetAsync(StorageTables.InvitationsByInviter);
        var partition = "";
        await foreach (var row in index.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"InvitationId eq {id}")))
            partition = row.PartitionKey;

        // Rows pointing at invitations that are not there, as a registration cut short leaves them, newest of all.
        for (var i = 0; i < 3; i++)
            await index.AddEntityAsync(new TableEntity(partition, $"0000000000000000000-left-{i}") { ["InvitationId"] = $"left{i}{id}" });

        var first = await scenario.Inviter.GetFromJsonAsync<JsonElement>("/api/invitations?pageSize=1");
        Assert.Equal(id, first.GetProperty("items").EnumerateArray().Single().GetProperty("invitationId").GetString());
    }

    [Theory]
    [InlineData("/api/invitations?pageSize=0")]
    [InlineData("/api/invitations?pageSize=101")]
    [InlineData("/api/invitations/pending?pageSize=101")]
    [InlineData("/api/invitations/pending?continuationToken=%25%25not-base64")]
    public async Task A_bad_page_query_answers_400(string path)
    {
        var server = await TestServers.SharedAsync();
        var role = path.Contains("pending", StringComparison.Ordinal) ? Role.Officer : Role.Inviter;
        await TokenTests.AssertProblemAsync(await server.ClientFor("someone", role).GetAsync(path), HttpStatusCode.BadRequest, "validation-failed");
    }

    private static async Task<string> RegisterAsync(PipelineScenario scenario)
    {
        var created = await scenario.Inviter.PostAsJsonAsync("/api/invitations", scenario.InvitationBody());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("invitationId").GetString()!;
    }

    private static async Task<JsonElement> OwnItemAsync(IssuedWorld world) =>
        (await PagesAsync(world.Scenario.Inviter, "/api/invitations", 20)).SelectMany(p => p)
        .Single(i => i.GetProperty("invitationId").GetString() == world.InvitationId);

    private static async Task<List<string?>> PendingIdsAsync(HttpClient officer) =>
        [.. (await PagesAsync(officer, "/api/invitations/pending", 100)).SelectMany(p => p).Select(i => i.GetProperty("invitationId").GetString())];

    /// <summary>Every page of a list, following the continuation token.</summary>
    public static async Task<List<List<JsonElement>>> PagesAsync(HttpClient client, string path, int pageSize)
    {
        var pages = new List<List<JsonElement>>();
        string? token = null;
        do
        {
            var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
            var response = await client.GetAsync($"{path}{separator}pageSize={pageSize}"
                + (token is null ? "" : $"&continuationToken={Uri.EscapeDataString(token)}"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            pages.Add([.. body.GetProperty("items").EnumerateArray()]);
            token = body.GetProperty("continuationToken").GetString();
        }
        while (token is not null);
        return pages;
    }
}
