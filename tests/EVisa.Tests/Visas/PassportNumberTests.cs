using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using EVisa.Core.Identity;
using EVisa.Core.Rules;
using EVisa.Tests.Faults;
using EVisa.Tests.Foundation;
using EVisa.Tests.Infrastructure;
using EVisa.Tests.Pipeline;
using EVisa.Tests.Portal;

namespace EVisa.Tests.Visas;

/// <summary>
/// One passport number: the same number written three ways (as printed, in lower case with spaces around, with a
/// space between its groups) is one passport at every place that reads one. Runs on its own server behind a pretend
/// front end (<see cref="LookupServer"/>), so the lookups' rate limit counts only its own attempts.
/// </summary>
public sealed class PassportNumberTests(LookupServer lookup) : IClassFixture<LookupServer>
{
    [Fact]
    public void Spaces_hyphens_and_case_are_not_part_of_the_number_and_anything_else_is()
    {
        Assert.Equal("AB1234567", PassportNumber.Parse(" ab 123-4567\t").Value);
        Assert.True(PassportNumber.Same("AB1234567", "ab 1234567"));
        Assert.False(PassportNumber.Same("AB1234567", "AB1234568"));
        Assert.False(PassportNumber.Parse("AB.1234567").IsWellFormed);
        Assert.False(PassportNumber.Parse("AB12345678").IsWellFormed); // 10 places: the MRZ has 9
        Assert.False(PassportNumber.Parse("  ").IsWellFormed);
        Assert.DoesNotContain("AB", PassportNumber.Parse("AB1234567").ToString(), StringComparison.Ordinal); // never in a log line
    }

    [Fact]
    [Trait("Rule", "R2")]
    [Trait("Rule", "R6")]
    [Trait("Rule", "R7")]
    [Trait("Rule", "R10")]
    public async Task The_same_number_written_three_ways_matches_at_every_place()
    {
        var server = lookup.Server;
        var today = KazakhstanTime.DateOf(DateTimeOffset.UtcNow);
        // Valid from today (Kazakhstan's date, as the border reads it), so the guest can enter now.
        var scenario = new PipelineScenario(server) { Entry = today, Exit = today.AddDays(10) };
        var printed = scenario.PassportNumber;
        string[] writings = [printed, $" {printed.ToLowerInvariant()} ", printed.Insert(3, " ")];

        // R2: the invitation names the guest's number one way, the application another: the guest matches.
        var invitationNumber = await ApprovedInvitationAsync(scenario, writings[1]);
        var submitted = await scenario.SubmitForViewAsync(WithNumber(scenario.ApplicationBody(invitationNumber), writings[2]));
        Assert.Equal("awaiting-confirmation", submitted.GetProperty("status").GetString());
        Assert.Equal(printed, submitted.GetProperty("draftVisa").GetProperty("passportNumber").GetString());
        var applicationId = submitted.GetProperty("applicationId").GetString()!;

        // R6: the open application holds the passport however the next one writes it.
        foreach (var writing in writings)
        {
            var again = WithNumber(scenario.ApplicationBody(await ApprovedInvitationAsync(scenario, writing)), writing);
            await TokenTests.AssertProblemAsync(await scenario.SubmitAsync(again), HttpStatusCode.Conflict, "duplicate-application");
        }

        var visaNumber = await IssuedWorld.ConfirmAndPayAsync(scenario, applicationId);
        var border = server.ClientFor($"border-{Guid.NewGuid():N}", Role.Border);
        foreach (var writing in writings)
        {
            // R10: the border reads the number as the passport shows it.
            var verified = await border.GetFromJsonAsync<JsonElement>(
                $"/api/visas/{visaNumber}/verification?passportNumber={Uri.EscapeDataString(writing)}");
            Assert.True(verified.GetProperty("valid").GetBoolean(), $"'{writing}': {verified}");

            // "Find my application" with the number as the applicant types it.
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/applications/lookup")
            {
                Content = JsonContent.Create(new { applicationNumber = applicationId, passportNumber = writing, dateOfBirth = scenario.DateOfBirth }),
            };
            request.Headers.Add("X-Forwarded-For", LookupServer.NewClient());
            using var found = await server.Client().SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        }

        var other = await border.GetFromJsonAsync<JsonElement>($"/api/visas/{visaNumber}/verification?passportNumber={printed[..^1]}Z");
        Assert.Contains("passport-mismatch", other.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));

        var entry = await border.PostJsonAsync($"/api/visas/{visaNumber}/entries", new { checkpoint = "NQZ", passportNumber = writings[2] });
        Assert.Equal(HttpStatusCode.Created, entry.StatusCode);

        // R7: its applicant declares the passport replaced; the visa is then refused as revoked, never as another passport's.
        var revoked = await scenario.Applicant.PostJsonAsync($"/api/visas/{visaNumber}/revocation", new { reason = "passport-replaced" });
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        foreach (var writing in writings)
        {
            var verified = await border.GetFromJsonAsync<JsonElement>(
                $"/api/visas/{visaNumber}/verification?passportNumber={Uri.EscapeDataString(writing)}");
            var reasons = verified.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()).ToList();
            Assert.Contains("revoked", reasons);
            Assert.DoesNotContain("passport-mismatch", reasons);
        }
    }

    private static JsonObject WithNumber(JsonObject applicationBody, string passportNumber)
    {
        applicationBody["passport"]!["number"] = passportNumber;
        return applicationBody;
    }

    private static async Task<string> ApprovedInvitationAsync(PipelineScenario scenario, string guestPassportNumber)
    {
        var body = scenario.InvitationBody();
        body["guest"]!["passportNumber"] = guestPassportNumber;
        var created = await scenario.Inviter.PostAsJsonAsync("/api/invitations", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var invitation = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(scenario.PassportNumber, invitation["guest"]!["passportNumber"]!.GetValue<string>());
        var decided = await scenario.Officer.PostAsJsonAsync($"/api/invitations/{invitation["invitationId"]}/decision", new { decision = "approve" });
        decided.EnsureSuccessStatusCode();
        return (await decided.Content.ReadFromJsonAsync<JsonObject>())!["invitationNumber"]!.GetValue<string>();
    }
}
