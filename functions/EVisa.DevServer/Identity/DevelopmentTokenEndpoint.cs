using System.Text.Json;
using EVisa.Core;
using EVisa.Core.Api;
using EVisa.Core.Identity;
using EVisa.DevServer.Functions;
using Microsoft.AspNetCore.Mvc;

namespace EVisa.DevServer.Identity;

public sealed record DevelopmentTokenRequest(string? Subject, string? Role, int? LifetimeMinutes);

public sealed record DevelopmentTokenResponse(string Token, string TokenType, DateTimeOffset ExpiresAt);

/// <summary>
/// <c>POST /api/dev/tokens</c>: a signed bearer token for any subject and role, so a person or a test can call the
/// API locally. Mapped only in the Development environment; it is not a function, so Azure never serves it.
/// </summary>
public static class DevelopmentTokenEndpoint
{
    public const string Route = "/api/dev/tokens";

    public static void MapDevelopmentTokens(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(Route, async context =>
        {
            var result = await IssueAsync(context);
            await result.ExecuteAsync(context);
        });

    private static async Task<IActionResult> IssueAsync(HttpContext context)
    {
        DevelopmentTokenRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync<DevelopmentTokenRequest>(context.Request.Body,
                JsonSerializerOptions.Web, context.RequestAborted);
        }
        catch (JsonException)
        {
            request = null;
        }

        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request?.Subject))
            errors["subject"] = ["Give the subject the token is for."];
        if (!ApiNames.TryParse<Role>(request?.Role, out var role))
            errors["role"] = ["Give one role: applicant, inviter, officer or border."];
        if (request?.LifetimeMinutes is < 1 or > 24 * 60)
            errors["lifetimeMinutes"] = ["Give a lifetime from 1 to 1440 minutes."];
        if (errors.Count > 0)
            return Problems.Validation(errors);

        var lifetime = TimeSpan.FromMinutes(request!.LifetimeMinutes ?? 60);
        var tokens = context.RequestServices.GetRequiredService<BearerTokens>();
        var clock = context.RequestServices.GetRequiredService<TimeProvider>();
        return new OkObjectResult(new DevelopmentTokenResponse(
            tokens.Issue(request.Subject!, role, lifetime), "Bearer", clock.GetUtcNow() + lifetime));
    }
}
