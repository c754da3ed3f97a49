using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EVisa.Core.Identity;
using EVisa.Core.Rules;
using EVisa.Tests.Foundation;
using EVisa.Tests.Infrastructure;

namespace EVisa.Tests.Visas;

/// <summary>Every outcome of <c>GET /api/visas/{visaNumber}/verification</c>.</summary>
public sealed class VerificationTests
{
    private static readonly DateOnly Today = KazakhstanTime.Today(TimeProvider.System);

    [Fact]
    [Trait("Rule", "R12")]
    public async Task A_fresh_visa_with_its_passport_is_valid_and_exempts_from_registration()
    {
        var server = await TestServers.SharedAsync();
        var (request, issued) = await VisaSamples.IssueAsync(server);

        var body = await VerifyAsync(server, issued.VisaNumber, request.PassportNumber);

        Assert.True(body.GetProperty("valid").GetBoolean());
        Assert.Empty(body.GetProperty("reasons").EnumerateArray());
        var visa = body.GetProperty("visa");
        Assert.True(visa.GetProperty("exemptFromRegistration").GetBoolean());
        Assert.Equal("business", visa.GetProperty("category").GetString());
        Assert.Equal(1, visa.GetProperty("entries").GetInt32());
        Assert.Equal("ZHANG", visa.GetProperty("holder").GetProperty("surname").GetString());
        Assert.False(visa.TryGetProperty("passportNumber", out _));
    }

    [Fact]
    public async Task An_unknown_number_is_invalid_as_unknown()
    {
        var server = await TestServers.SharedAsync();
        var body = await VerifyAsync(server, "9" + Random.Shared.NextInt64(100_000_000, 999_999_999), "E1234567");
        Assert.False(body.GetProperty("valid").GetBoolean());
        Assert.Equal(["unknown"], Reasons(body));
    }

    [Theory]
    [Trait("Rule", "R1")]
    [InlineData(-30, -1, "expired")]
    [InlineData(3, 30, "not-yet-valid")]
    public async Task Dates_outside_the_validity_are_reasons(int fromDays, int untilDays, string reason)
    {
        var server = await TestServers.SharedAsync();
        var (request, issued) = await VisaSamples.IssueAsync(server, Today.AddDays(fromDays), Today.AddDays(untilDays));
        var body = await VerifyAsync(server, issued.VisaNumber, request.PassportNumber);
        Assert.False(body.GetProperty("valid").GetBoolean());
        Assert.Equal([reason], Reasons(body));
        // R12: an expired visa exempts nobody; one not yet valid will.
        Assert.Equal(reason != "expired", body.GetProperty("visa").GetProperty("exemptFromRegistration").GetBoolean());
    }

    [Fact]
    [Trait("Rule", "R10")]
    public async Task Another_passport_is_a_mismatch()
    {
        var server = await TestServers.SharedAsync();
        var (_, issued) = await VisaSamples.IssueAsync(server);
        var body = await VerifyAsync(server, issued.VisaNumber, "P99999999");
        Assert.False(body.GetProperty("valid").GetBoolean());
        Assert.Equal(["passport-mismatch"], Reasons(body));
    }

    [Fact]
    [Trait("Rule", "R1")]
    public async Task Entered_is_still_valid_and_entered_and_exited_is_already_used()
    {
        var server = await TestServers.SharedAsync();
        var (request, issued) = await VisaSamples.IssueAsync(server);
        var border = server.ClientFor("border-1", Role.Border);
        var crossing = new { checkpoint = "NQZ", passportNumber = request.PassportNumber };

        Assert.Equal(HttpStatusCode.Created, (await border.PostJsonAsync($"/api/visas/{issued.VisaNumber}/entries", crossing)).StatusCode);
        Assert.True((await VerifyAsync(server, issued.VisaNumber, request.PassportNumber)).GetProperty("valid").GetBoolean());
        Assert.Equal(HttpStatusCode.Created, (await border.PostJsonAsync($"/api/visas/{issued.VisaNumber}/exits", crossing)).StatusCode);

        var body = await VerifyAsync(server, issued.VisaNumber, request.PassportNumber);
        Assert.False(body.GetProperty("valid").GetBoolean());
        Assert.Equal(["already-used"], Reasons(body));
    }

    [Fact]
    public async Task Revoked_is_a_reason_beside_the_others()
    {
        var server = await TestServers.SharedAsync();
        var (_, issued) = await VisaSamples.IssueAsync(server, Today.AddDays(-30), Today.AddDays(-1));
        Assert.Equal(HttpStatusCode.OK, (await server.ClientFor("officer-1", Role.Officer)
            .PostJsonAsync($"/api/visas/{issued.VisaNumber}/revocation", new { reason = "fraud suspected" })).StatusCode);

        var body = await VerifyAsync(server, issued.VisaNumber, "P99999999");

        Assert.Equal(["revoked", "expired", "passport-mismatch"], Reasons(body));
        Assert.False(body.GetProperty("visa").GetProperty("exemptFromRegistration").GetBoolean());
    }

    [Fact]
    [Trait("Rule", "R10")]
    public async Task Verification_needs_the_presented_passport_number()
    {
        var server = await TestServers.SharedAsync();
        var response = await server.ClientFor("border-1", Role.Border).GetAsync("/api/visas/1234567890/verification");
        await TokenTests.AssertProblemAsync(response, HttpStatusCode.BadRequest, "validation-failed");
    }

    private static async Task<JsonElement> VerifyAsync(EVisa.DevServer.DevServerHost server, string visaNumber, string passportNumber)
    {
        var response = await server.ClientFor("border-1", Role.Border)
            .GetAsync($"/api/visas/{visaNumber}/verification?passportNumber={Uri.EscapeDataString(passportNumber)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static List<string?> Reasons(JsonElement body) => body.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()).ToList();
}
