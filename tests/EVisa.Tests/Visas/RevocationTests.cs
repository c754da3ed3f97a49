using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EVisa.Core.Identity;
using EVisa.Tests.Foundation;
using EVisa.Tests.Infrastructure;

namespace EVisa.Tests.Visas;

/// <summary>Revocation by an officer or, on a replaced passport, by the applicant (R7); no extension (R6).</summary>
public sealed class RevocationTests
{
    [Fact]
    public async Task An_officer_revokes_with_a_reason_and_the_visa_then_refuses_entry()
    {
        var server = await TestServers.SharedAsync();
        var (request, issued) = await VisaSamples.IssueAsync(server);
        var officer = server.ClientFor("officer-1", Role.Officer);

        var response = await officer.PostJsonAsync($"/api/visas/{issued.VisaNumber}/revocation", new { reason = "invitation withdrawn" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var revocation = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("revocation");
        Assert.Equal("invitation withdrawn", revocation.GetProperty("reason").GetString());
        // Idempotent: the first revocation stands.
        var again = await officer.PostJsonAsync($"/api/visas/{issued.VisaNumber}/revocation", new { reason = "another reason" });
        Assert.Equal("invitation withdrawn", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("revocation").GetProperty("reason").GetString());

        var entry = await server.ClientFor("border-1", Role.Border).PostJsonAsync($"/api/visas/{issued.VisaNumber}/entries",
            new { checkpoint = "NQZ", passportNumber = request.PassportNumber });
        var problem = await TokenTests.AssertProblemAsync(entry, HttpStatusCode.UnprocessableEntity, "entry-refused");
        Assert.Equal(["revoked"], problem.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    [Trait("Rule", "R7")]
    public async Task The_applicant_declares_a_replaced_passport_and_the_visa_verifies_as_revoked()
    {
        var server = await TestServers.SharedAsync();
        var (request, issued) = await VisaSamples.IssueAsync(server);

        var response = await server.ClientFor(request.ApplicantId, Role.Applicant)
            .PostJsonAsync($"/api/visas/{issued.VisaNumber}/revocation", new { reason = "passport-replaced" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var verification = await server.ClientFor("border-1", Role.Border)
            .GetFromJsonAsync<JsonElement>($"/api/visas/{issued.VisaNumber}/verification?passportNumber={request.PassportNumber}");
        Assert.False(verification.GetProperty("valid").GetBoolean());
        Assert.Equal(["revoked"], verification.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    [Trait("Rule", "R7")]
    public async Task An_applicant_may_not_revoke_for_another_reason_nor_another_s_visa()
    {
        var server = await TestServers.SharedAsync();
        var (request, issued) = await VisaSamples.IssueAsync(server);
        var path = $"/api/visas/{issued.VisaNumber}/revocation";

        await TokenTests.AssertProblemAsync(await server.ClientFor(request.ApplicantId, Role.Applicant).PostJsonAsync(path, new { reason = "changed my mind" }),
            HttpStatusCode.Forbidden, "forbidden");
        await TokenTests.AssertProblemAsync(await server.ClientFor("someone-else", Role.Applicant).PostJsonAsync(path, new { reason = "passport-replaced" }),
            HttpStatusCode.NotFound, "not-found");
        await TokenTests.AssertProblemAsync(await server.ClientFor("border-1", Role.Border).PostJsonAsync(path, new { reason = "x" }),
            HttpStatusCode.Forbidden, "forbidden");
        await TokenTests.AssertProblemAsync(await server.ClientFor("officer-1", Role.Officer).PostJsonAsync(path, new { reason = " " }),
            HttpStatusCode.BadRequest, "validation-failed");
        await TokenTests.AssertProblemAsync(await server.ClientFor("officer-1", Role.Officer).PostJsonAsync("/api/visas/NOSUCHVISA1/revocation", new { reason = "x" }),
            HttpStatusCode.NotFound, "not-found");

        var verification = await server.ClientFor("border-1", Role.Border)
            .GetFromJsonAsync<JsonElement>($"/api/visas/{issued.VisaNumber}/verification?passportNumber={request.PassportNumber}");
        Assert.True(verification.GetProperty("valid").GetBoolean());
    }

    [Theory]
    [Trait("Rule", "R6")]
    [InlineData(Role.Applicant)]
    [InlineData(Role.Officer)]
    public async Task An_extension_is_refused_with_a_clear_problem(Role role)
    {
        var server = await TestServers.SharedAsync();
        var (request, issued) = await VisaSamples.IssueAsync(server);

        var response = await server.ClientFor(request.ApplicantId, role).PostJsonAsync($"/api/visas/{issued.VisaNumber}/extension", new { days = 30 });

        var problem = await TokenTests.AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity, "extension-not-possible");
        Assert.Contains("not extendable", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
