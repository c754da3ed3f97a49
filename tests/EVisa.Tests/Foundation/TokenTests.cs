using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using EVisa.Core.Identity;
using EVisa.DevServer.Identity;
using EVisa.Tests.Infrastructure;
using EVisa.Tests.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EVisa.Tests.Foundation;

/// <summary>Bearer tokens on a protected route, through real HTTP: 401 without a valid token, 403 for the wrong role.</summary>
public sealed class TokenTests
{
    private const string ProtectedRoute = "/api/applications/no-such-application";

    [Fact]
    public async Task A_request_without_a_token_gets_401_problem_json()
    {
        var server = await TestServers.SharedAsync();
        var response = await server.Client().GetAsync(ProtectedRoute);
        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Theory]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer not-a-jwt")]
    [InlineData("Bearer ")]
    public async Task A_malformed_authorization_header_gets_401(string header)
    {
        var server = await TestServers.SharedAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, ProtectedRoute);
        request.Headers.TryAddWithoutValidation("Authorization", header);
        var response = await server.Client().SendAsync(request);
        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Fact]
    public async Task An_expired_token_gets_401()
    {
        var server = await TestServers.SharedAsync();
        var lastWeek = new ShiftedClock(TimeSpan.FromDays(-7));
        var token = TokensWith(server.Services.GetRequiredService<IOptions<IdentityOptions>>().Value, lastWeek)
            .Issue("applicant-1", Role.Applicant, TimeSpan.FromHours(1));

        var response = await SendWithTokenAsync(server, token);

        var problem = await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.Contains("expired", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_gets_401()
    {
        var server = await TestServers.SharedAsync();
        var options = server.Services.GetRequiredService<IOptions<IdentityOptions>>().Value;
        var forged = new IdentityOptions
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            SigningKeys = [Convert.ToBase64String("an-attacker-s-own-key-of-32-bytes-or-more"u8)],
        };
        var token = TokensWith(forged, TimeProvider.System).Issue("officer-1", Role.Officer, TimeSpan.FromHours(1));

        var response = await SendWithTokenAsync(server, token);

        var problem = await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.Contains("signature", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_for_another_audience_gets_401()
    {
        var server = await TestServers.SharedAsync();
        var options = server.Services.GetRequiredService<IOptions<IdentityOptions>>().Value;
        var other = new IdentityOptions { Issuer = options.Issuer, Audience = "another-api", SigningKeys = options.SigningKeys };
        var token = TokensWith(other, TimeProvider.System).Issue("officer-1", Role.Officer, TimeSpan.FromHours(1));

        await AssertProblemAsync(await SendWithTokenAsync(server, token), HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Theory]
    [InlineData(Role.Border)]
    [InlineData(Role.Inviter)]
    public async Task A_valid_token_with_the_wrong_role_gets_403(Role role)
    {
        var server = await TestServers.SharedAsync();
        var response = await server.ClientFor("someone", role).GetAsync(ProtectedRoute);
        await AssertProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task An_applicant_sees_its_own_application_and_gets_404_for_another_s()
    {
        var server = await TestServers.SharedAsync();
        var scenario = new PipelineScenario(server);
        var applicationId = await scenario.ApplyAsync();

        var own = await scenario.StatusBecomesAsync(applicationId, "awaiting-confirmation");
        Assert.Equal(applicationId, own.GetProperty("applicationId").GetString());

        var another = await server.ClientFor("someone-else", Role.Applicant).GetAsync($"/api/applications/{applicationId}");
        await AssertProblemAsync(another, HttpStatusCode.NotFound, "not-found");
        var officer = await server.ClientFor("officer-1", Role.Officer).GetAsync($"/api/applications/{applicationId}");
        Assert.Equal(HttpStatusCode.OK, officer.StatusCode);
    }

    [Fact]
    public async Task The_development_token_endpoint_issues_working_tokens_in_Development()
    {
        var server = await TestServers.SharedAsync();
        var issued = await server.Client().PostAsJsonAsync(DevelopmentTokenEndpoint.Route, new { subject = "officer-7", role = "officer" });
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        var token = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;

        var response = await SendWithTokenAsync(server, token);

        await AssertProblemAsync(response, HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task The_development_token_endpoint_refuses_unknown_roles()
    {
        var server = await TestServers.SharedAsync();
        var response = await server.Client().PostAsJsonAsync(DevelopmentTokenEndpoint.Route, new { subject = "x", role = "admin" });
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "validation-failed");
    }

    [Fact]
    public async Task The_development_token_endpoint_is_404_outside_Development()
    {
        await using var production = await TestServers.StartAsync(TestServers.UniqueHub("prod"), new CapturedLogs(), environment: "Production");
        var response = await production.Client().PostAsJsonAsync(DevelopmentTokenEndpoint.Route, new { subject = "x", role = "officer" });
        await AssertProblemAsync(response, HttpStatusCode.NotFound, "not-found");
    }

    internal static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(problem.TryGetProperty("exception", out _));
        return problem;
    }

    private static BearerTokens TokensWith(IdentityOptions options, TimeProvider clock) =>
        new(Options.Create(options), clock, NullLogger<BearerTokens>.Instance);

    private static Task<HttpResponseMessage> SendWithTokenAsync(EVisa.DevServer.DevServerHost server, string token)
    {
        var client = server.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client.GetAsync(ProtectedRoute);
    }

    private sealed class ShiftedClock(TimeSpan offset) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
    }
}
