using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EVisa.Core.Identity;
using EVisa.Core.Rules;
using EVisa.Tests.Foundation;
using EVisa.Tests.Infrastructure;

namespace EVisa.Tests.Visas;

/// <summary>Verification, the single entry and the exit, through real HTTP on real storage.</summary>
public sealed class BorderTests
{
    private static readonly DateOnly Today = KazakhstanTime.Today(TimeProvider.System);

    [Fact]
    [Trait("Rule", "R1")]
    public async Task Of_50_simultaneous_entries_exactly_one_is_recorded_and_49_get_409()
    {
        var server = await TestServers.SharedAsync();
        var (request, issued) = await VisaSamples.IssueAsync(server);
        var border = server.ClientFor("border-1", Role.Border);
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var requests = Enumerable.Range(0, 50).Select(async i =>
        {
            await go.Task;
            return await border.PostJsonAsync($"/api/visas/{issued.VisaNumber}/entries",
                new { checkpoint = i % 2 == 0 ? "NQZ" : "ALA", passportNumber = request.PassportNumber });
        }).ToList();
        go.SetResult();
        var responses = await Task.WhenAll(requests);

        var statuses = responses.Select(r => r.StatusCode).ToList();
        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(49, statuses.Count(s => s == HttpStatusCode.Conflict));
        foreach (var refused in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
            await TokenTests.AssertProblemAsync(refused, HttpStatusCode.Conflict, "already-entered");
    }

    [Fact]
    [Trait("Rule", "R13")]
    [Trait("Rule", "R12")]
    public async Task An_entry_records_the_checkpoint_and_starts_the_arrival_notice_deadline()
    {
        var server = await TestServers.SharedAsync();
        var (request, issued) = await VisaSamples.IssueAsync(server);

        var response = await server.ClientFor("border-1", Role.Border).PostJsonAsync($"/api/visas/{issued.VisaNumber}/entries",
            new { checkpoint = "ala", passportNumber = request.PassportNumber.ToLowerInvariant() });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var visa = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("ALA", visa.GetProperty("entry").GetProperty("checkpoint").GetString());
        var enteredAt = visa.GetProperty("entry").GetProperty("at").GetDateTimeOffset();
        var notice = visa.GetProperty("arrivalNotice");
        Assert.Equal(ArrivalNotice.Deadline(enteredAt, KazakhstanCalendar.Default), notice.GetProperty("deadline").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, notice.GetProperty("filedAt").ValueKind);
        Assert.True(visa.GetProperty("exemptFromRegistration").GetBoolean());
        Assert.Equal(["NQZ", "ALA"], visa.GetProperty("checkpoints").EnumerateArray().Select(c => c.GetString()));
    }

    [Theory]
    [Trait("Rule", "R4")]
    [InlineData("TSE")]
    [InlineData("SCO")]
    [InlineData("Khorgos")]
    public async Task An_entry_or_exit_at_another_checkpoint_is_refused(string checkpoint)
    {
        var server = await TestServers.SharedAsync();
        var (request, issued) = await VisaSamples.IssueAsync(server);
        var border = server.ClientFor("border-1", Role.Border);

        var entry = await border.PostJsonAsync($"/api/visas/{issued.VisaNumber}/entries", new { checkpoint, passportNumber = request.PassportNumber });
        await TokenTests.AssertProblemAsync(entry, HttpStatusCode.UnprocessableEntity, "checkpoint-not-permitted");

        Assert.Equal(HttpStatusCode.Created, (await border.PostJsonAsync($"/api/visas/{issued.VisaNumber}/entries",
            new { checkpoint = "NQZ", passportNumber = request.PassportNumber })).StatusCode);
        var exit = await border.PostJsonAsync($"/api/visas/{issued.VisaNumber}/exits", new { checkpoint, passportNumber = request.PassportNumber });
        await TokenTests.AssertProblemAsync(exit, HttpStatusCode.UnprocessableEntity, "checkpoint-not-permitted");
    }

    [Fact]
    [Trait("Rule", "R10")]
    public async Task An_entry_with_another_passport_is_refused_and_not_recorded()
    {
        var server = await TestServers.SharedAsync();
        var (request, issued) = await VisaSamples.IssueAsync(server);
        var border = server.ClientFor("border-1", Role.Border);

        var response = await border.PostJsonAsync($"/api/visas/{issued.VisaNumber}/entries", new { checkpoint = "NQZ", passportNumber = "X0000000" });

        var problem = await TokenTests.AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity, "entry-refused");
        Assert.Equal(["passport-mismatch"], problem.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(HttpStatusCode.Created, (await border.PostJsonAsync($"/api/visas/{issued.VisaNumber}/entries",
            new { checkpoint = "NQZ", passportNumber = request.PassportNumber })).StatusCode);
    }

    [Theory]
    [InlineData(-30, -1, "expired")]
    [InlineData(2, 30, "not-yet-valid")]
    public async Task An_expired_or_not_yet_valid_visa_refuses_entry(int fromDays, int untilDays, string reason)
    {
        var server = await TestServers.SharedAsync();
        var (request, issued) = await VisaSamples.IssueAsync(server, Today.AddDays(fromDays), Today.AddDays(untilDays));

        var response = await server.ClientFor("border-1", Role.Border).PostJsonAsync($"/api/visas/{issued.VisaNumber}/entries",
            new { checkpoint = "NQZ", passportNumber = request.PassportNumber });

        var problem = await TokenTests.AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity, "entry-refused");
        Assert.Equal([reason], problem.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task An_exit_needs_an_entry_and_is_recorded_once()
    {
        var server = await TestServers.SharedAsync();
        var (request, issued) = await VisaSamples.IssueAsync(server);
        var border = server.ClientFor("border-1", Role.Border);
        var crossing = new { checkpoint = "ALA", passportNumber = request.PassportNumber };

        await TokenTests.AssertProblemAsync(await border.PostJsonAsync($"/api/visas/{issued.VisaNumber}/exits", crossing),
            HttpStatusCode.Conflict, "not-entered");
        Assert.Equal(HttpStatusCode.Created, (await border.PostJsonAsync($"/api/visas/{issued.VisaNumber}/entries", crossing)).StatusCode);
        var exit = await border.PostJsonAsync($"/api/visas/{issued.VisaNumber}/exits", crossing);
        Assert.Equal(HttpStatusCode.Created, exit.StatusCode);
        Assert.Equal("ALA", (await exit.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("exit").GetProperty("checkpoint").GetString());
        await TokenTests.AssertProblemAsync(await border.PostJsonAsync($"/api/visas/{issued.VisaNumber}/exits", crossing),
            HttpStatusCode.Conflict, "already-exited");
    }

    [Fact]
    public async Task A_crossing_without_checkpoint_or_passport_lists_both_fields_and_an_unknown_visa_is_404()
    {
        var server = await TestServers.SharedAsync();
        var border = server.ClientFor("border-1", Role.Border);

        var problem = await TokenTests.AssertProblemAsync(await border.PostJsonAsync("/api/visas/1234567890/entries", new { }),
            HttpStatusCode.BadRequest, "validation-failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("checkpoint", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("passportNumber", out _));
        using var notJson = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json");
        await TokenTests.AssertProblemAsync(await border.PostAsync("/api/visas/1234567890/entries", notJson), HttpStatusCode.BadRequest, "malformed-json");
        await TokenTests.AssertProblemAsync(await border.PostJsonAsync("/api/visas/NOSUCHVISA1/entries", new { checkpoint = "NQZ", passportNumber = "E1" }),
            HttpStatusCode.NotFound, "not-found");
    }

    [Theory]
    [InlineData(Role.Applicant, "entries")]
    [InlineData(Role.Officer, "entries")]
    [InlineData(Role.Inviter, "exits")]
    [InlineData(Role.Applicant, "verification")]
    [InlineData(Role.Inviter, "verification")]
    public async Task Other_roles_get_403_at_the_border(Role role, string action)
    {
        var server = await TestServers.SharedAsync();
        var (request, issued) = await VisaSamples.IssueAsync(server);
        var client = server.ClientFor(request.ApplicantId, role);
        var response = action == "verification"
            ? await client.GetAsync($"/api/visas/{issued.VisaNumber}/verification?passportNumber={request.PassportNumber}")
            : await client.PostJsonAsync($"/api/visas/{issued.VisaNumber}/{action}", new { checkpoint = "NQZ", passportNumber = request.PassportNumber });
        await TokenTests.AssertProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Without_a_token_the_border_routes_answer_401()
    {
        var server = await TestServers.SharedAsync();
        var response = await server.Client().PostJsonAsync("/api/visas/1234567890/entries", new { checkpoint = "NQZ", passportNumber = "E1" });
        await TokenTests.AssertProblemAsync(response, HttpStatusCode.Unauthorized, "unauthenticated");
    }
}
