using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EVisa.Tests.Infrastructure;

namespace EVisa.Tests.Foundation;

/// <summary>The first slice through every layer: an HTTP function in the DevServer answering from the rules (R3).</summary>
public sealed class EligibilityApiTests
{
    [Fact]
    [Trait("Rule", "R3")]
    public async Task A_tourist_list_nationality_may_apply_for_a_tourist_visa()
    {
        var server = await TestServers.SharedAsync();
        var response = await server.Client().GetAsync("/api/eligibility?nationality=CHN");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("CHN", body.GetProperty("nationality").GetString());
        Assert.Equal(["tourist"], body.GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
    }

    [Theory]
    [InlineData("XXX")]
    [InlineData("usa")]
    public async Task An_unknown_code_is_a_400_problem(string code)
    {
        var server = await TestServers.SharedAsync();
        var response = await server.Client().GetAsync($"/api/eligibility?nationality={code}");
        await TokenTests.AssertProblemAsync(response, HttpStatusCode.BadRequest, "unknown-nationality");
    }

    [Fact]
    public async Task A_missing_nationality_is_a_400_listing_the_field()
    {
        var server = await TestServers.SharedAsync();
        var response = await server.Client().GetAsync("/api/eligibility");
        var problem = await TokenTests.AssertProblemAsync(response, HttpStatusCode.BadRequest, "validation-failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("nationality", out _));
    }
}
