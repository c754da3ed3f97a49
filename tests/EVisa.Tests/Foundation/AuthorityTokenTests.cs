using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using EVisa.Core;
using EVisa.Core.Identity;
using EVisa.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EVisa.Tests.Foundation;

/// <summary>
/// In Azure the tokens come from Microsoft Entra, signed with the keys its OpenID Connect metadata publishes.
/// A local stand-in issuer publishes such metadata; the DevServer validates its RS256 tokens from that alone.
/// </summary>
public sealed class AuthorityTokenTests
{
    [Fact]
    public async Task Tokens_signed_with_the_authority_s_published_keys_are_accepted_and_others_refused()
    {
        using var signingKey = RSA.Create(2048);
        await using var issuer = await StartIssuerAsync(new RsaSecurityKey(signingKey) { KeyId = "entra-key-1" });
        var authority = issuer.Urls.First();
        await using var server = await TestServers.StartAsync(TestServers.UniqueHub("oidc"), new CapturedLogs(),
            settings: new Dictionary<string, string?> { ["Identity:Authority"] = authority, ["Identity:Issuer"] = authority });

        var accepted = await GetWithTokenAsync(server, Token(authority, new RsaSecurityKey(signingKey) { KeyId = "entra-key-1" }, Role.Officer));
        await TokenTests.AssertProblemAsync(accepted, HttpStatusCode.NotFound, "not-found");

        using var otherKey = RSA.Create(2048);
        var forged = await GetWithTokenAsync(server, Token(authority, new RsaSecurityKey(otherKey) { KeyId = "entra-key-1" }, Role.Officer));
        await TokenTests.AssertProblemAsync(forged, HttpStatusCode.Unauthorized, "unauthenticated");

        var wrongRole = await GetWithTokenAsync(server, Token(authority, new RsaSecurityKey(signingKey) { KeyId = "entra-key-1" }, Role.Border));
        await TokenTests.AssertProblemAsync(wrongRole, HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Staff_tokens_from_Entra_ID_carry_their_app_role_in_the_roles_claim()
    {
        using var signingKey = RSA.Create(2048);
        var key = new RsaSecurityKey(signingKey) { KeyId = "entra-key-1" };
        await using var issuer = await StartIssuerAsync(key);
        var authority = issuer.Urls.First();
        await using var server = await TestServers.StartAsync(TestServers.UniqueHub("roles"), new CapturedLogs(),
            settings: new Dictionary<string, string?> { ["Identity:Authority"] = authority, ["Identity:Issuer"] = authority });

        // An officer may read any application: a 404 for a missing one shows the token was taken as an officer's.
        await TokenTests.AssertProblemAsync(await GetWithTokenAsync(server, AppRolesToken(authority, key, "officer")),
            HttpStatusCode.NotFound, "not-found");
        // Unknown app roles of the same registration are ignored beside the one known.
        await TokenTests.AssertProblemAsync(await GetWithTokenAsync(server, AppRolesToken(authority, key, "Reports.Read", "officer")),
            HttpStatusCode.NotFound, "not-found");
        await TokenTests.AssertProblemAsync(await GetWithTokenAsync(server, AppRolesToken(authority, key, "border")),
            HttpStatusCode.Forbidden, "forbidden");
        await TokenTests.AssertProblemAsync(await GetWithTokenAsync(server, AppRolesToken(authority, key, "inviter")),
            HttpStatusCode.Forbidden, "forbidden");
        // Two staff roles are not guessed between; no known role is no role; applicant is never an app role here.
        await TokenTests.AssertProblemAsync(await GetWithTokenAsync(server, AppRolesToken(authority, key, "officer", "border")),
            HttpStatusCode.Unauthorized, "unauthenticated");
        await TokenTests.AssertProblemAsync(await GetWithTokenAsync(server, AppRolesToken(authority, key, "Reports.Read")),
            HttpStatusCode.Unauthorized, "unauthenticated");
        await TokenTests.AssertProblemAsync(await GetWithTokenAsync(server, AppRolesToken(authority, key, "applicant")),
            HttpStatusCode.Unauthorized, "unauthenticated");
    }

    private static string AppRolesToken(string issuer, SecurityKey key, params string[] roles) => new JsonWebTokenHandler().CreateToken(
        new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = "evisa-api",
            Expires = DateTime.UtcNow.AddMinutes(10),
            Claims = new Dictionary<string, object> { ["sub"] = "entra-staff-1", [BearerTokens.AppRolesClaim] = roles },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });

    private static string Token(string issuer, SecurityKey key, Role role) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = issuer,
        Audience = "evisa-api",
        Expires = DateTime.UtcNow.AddMinutes(10),
        Subject = new ClaimsIdentity([new Claim("sub", "entra-user-1"), new Claim(BearerTokens.RoleClaim, role.ToApiName())]),
        SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
    });

    private static Task<HttpResponseMessage> GetWithTokenAsync(EVisa.DevServer.DevServerHost server, string token)
    {
        var client = server.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client.GetAsync("/api/applications/no-such-application");
    }

    /// <summary>Serves OpenID Connect metadata and a JWK set with the public half of the key, as Entra does.</summary>
    private static async Task<WebApplication> StartIssuerAsync(RsaSecurityKey key)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(key.Rsa.ExportParameters(false)) { KeyId = key.KeyId });
        app.MapGet("/.well-known/openid-configuration", (HttpContext context) => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = app.Urls.First(),
            ["jwks_uri"] = $"{app.Urls.First()}/keys",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        app.MapGet("/keys", () => Results.Json(new { keys = new[] { new { kty = jwk.Kty, kid = jwk.Kid, use = "sig", n = jwk.N, e = jwk.E } } }));
        await app.StartAsync();
        return app;
    }
}
