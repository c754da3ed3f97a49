using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EVisa.Tests.Foundation;
using EVisa.Tests.Infrastructure;

namespace EVisa.Tests.Pipeline;

/// <summary>R2 over HTTP: inviting parties register, officers decide, each party sees only its own.</summary>
public sealed class InvitationApiTests
{
    [Fact]
    [Trait("Rule", "R2")]
    public async Task An_invitation_is_registered_pending_and_approval_assigns_a_10_digit_number_once()
    {
        var server = await TestServers.SharedAsync();
        var scenario = new PipelineScenario(server);

        var created = await scenario.Inviter.PostAsJsonAsync("/api/invitations", scenario.InvitationBody());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var invitation = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("pending", invitation.GetProperty("status").GetString());
        var id = invitation.GetProperty("invitationId").GetString();
        Assert.EndsWith($"/api/invitations/{id}", created.Headers.Location!.ToString(), StringComparison.Ordinal);

        var approved = await scenario.Officer.PostAsJsonAsync($"/api/invitations/{id}/decision", new { decision = "approve" });
        var decided = await approved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("approved", decided.GetProperty("status").GetString());
        Assert.Matches("^[1-9][0-9]{9}$", decided.GetProperty("invitationNumber").GetString());

        var again = await scenario.Officer.PostAsJsonAsync($"/api/invitations/{id}/decision", new { decision = "refuse", reason = "late" });
        await TokenTests.AssertProblemAsync(again, HttpStatusCode.Conflict, "invitation-already-decided");

        var own = await (await scenario.Inviter.GetAsync($"/api/invitations/{id}")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(decided.GetProperty("invitationNumber").GetString(), own.GetProperty("invitationNumber").GetString());
    }

    [Fact]
    [Trait("Rule", "R2")]
    public async Task A_refusal_needs_a_reason_and_keeps_it()
    {
        var server = await TestServers.SharedAsync();
        var scenario = new PipelineScenario(server);
        var created = await scenario.Inviter.PostAsJsonAsync("/api/invitations", scenario.InvitationBody());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("invitationId").GetString();

        var withoutReason = await scenario.Officer.PostAsJsonAsync($"/api/invitations/{id}/decision", new { decision = "refuse" });
        var problem = await TokenTests.AssertProblemAsync(withoutReason, HttpStatusCode.BadRequest, "validation-failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("reason", out _));

        var refused = await scenario.Officer.PostAsJsonAsync($"/api/invitations/{id}/decision", new { decision = "refuse", reason = "No such company" });
        var body = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("refused", body.GetProperty("status").GetString());
        Assert.Equal("No such company", body.GetProperty("refusalReason").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("invitationNumber").ValueKind);
    }

    [Fact]
    public async Task Another_inviting_party_gets_404_and_officers_see_every_invitation()
    {
        var server = await TestServers.SharedAsync();
        var scenario = new PipelineScenario(server);
        var created = await scenario.Inviter.PostAsJsonAsync("/api/invitations", scenario.InvitationBody());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("invitationId").GetString();

        var stranger = new PipelineScenario(server).Inviter;
        await TokenTests.AssertProblemAsync(await stranger.GetAsync($"/api/invitations/{id}"), HttpStatusCode.NotFound, "not-found");
        await TokenTests.AssertProblemAsync(await stranger.GetAsync($"/api/invitations/{Guid.NewGuid():N}"), HttpStatusCode.NotFound, "not-found");
        Assert.Equal(HttpStatusCode.OK, (await scenario.Officer.GetAsync($"/api/invitations/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await scenario.Applicant.GetAsync($"/api/invitations/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await scenario.Inviter.PostAsJsonAsync($"/api/invitations/{id}/decision", new { decision = "approve" })).StatusCode);
    }

    [Fact]
    public async Task A_malformed_invitation_lists_every_field_error()
    {
        var server = await TestServers.SharedAsync();
        var scenario = new PipelineScenario(server);
        var body = """{"category":"space","guest":{"dateOfBirth":"1990-13-01","sex":"?","nationality":"XYZ","passportNumber":"AB/12"},"intendedEntry":"2030-02-10","intendedExit":"2030-02-01","contactEmail":"host at example","language":"de"}""";

        var response = await scenario.Inviter.PostAsync("/api/invitations", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await TokenTests.AssertProblemAsync(response, HttpStatusCode.BadRequest, "validation-failed");
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Superset(new HashSet<string>
        {
            "category", "guest.surname", "guest.dateOfBirth", "guest.sex", "guest.nationality", "guest.passportNumber",
            "intendedExit", "purpose", "contactEmail", "language",
        }, fields);
    }
}
