using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EVisa.Core;
using EVisa.Core.Identity;
using EVisa.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace EVisa.Tests.Faults;

/// <summary>
/// Every served route, called by every role as the owner of its resource and as someone else, and without a token or
/// with a bad one: each answer is what <see cref="RouteAccess.Table"/> says (401, 403, 404 as documented), so no
/// caller gets a 2xx it should not. The resources are real and issued, so a 404 is about ownership, not absence.
/// </summary>
[Trait("Category", "Faults")]
public sealed class AuthorizationMatrixTests(ITestOutputHelper output)
{
    private sealed record Caller(string Name, Role? Role, bool Owner, string? Authorization);

    [Fact]
    public async Task Every_route_the_service_serves_is_classified_in_the_access_table()
    {
        var operations = await ServedOperation.ReadAsync(await TestServers.SharedAsync());

        // A new function: declare who may call it ([RequiresRole], [PublicRoute] or [SignedByPaymentProvider]), exactly once.
        Assert.Empty(Declarations.Http.Where(d => d.Access is null).Select(d => d.Name));
        Assert.Empty(operations.Select(o => o.OperationId).Except(RouteAccess.Table.Keys));
        Assert.Empty(RouteAccess.Table.Keys.Except(operations.Select(o => o.OperationId))); // documented nowhere
        Assert.Empty(RouteAccess.Owners.Keys.Except(RouteAccess.Table.Keys)); // stale ownership rows
    }

    [Fact]
    [Trait("Rule", "R7")]
    [Trait("Rule", "R13")]
    public async Task Every_route_by_every_role_owner_and_stranger_answers_as_the_access_table_says()
    {
        var server = await TestServers.SharedAsync();
        var operations = await ServedOperation.ReadAsync(server);
        var world = await IssuedWorld.CreateAsync(server);
        var callers = Callers(world).ToList();
        var http = server.Client();

        var calls = (from operation in operations
                     where RouteAccess.Table.ContainsKey(operation.OperationId)
                     from caller in callers
                     select (operation, caller)).ToList();
        var mismatches = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(calls, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (call, cancellationToken) =>
        {
            var (operation, caller) = call;
            using var request = new HttpRequestMessage(operation.HttpMethod,
                operation.PathWith(p => world.IdFor(p) ?? "unknown") + world.SampleQuery(operation.OperationId));
            if (operation.Method != "get")
                request.Content = JsonContent.Create(world.SampleBody(operation.OperationId));
            if (caller.Authorization is not null)
                request.Headers.TryAddWithoutValidation("Authorization", caller.Authorization);
            using var response = await http.SendAsync(request, cancellationToken);
            var problem = await Mismatch(RouteAccess.Table[operation.OperationId], caller, response);
            if (problem is not null)
                mismatches.Add($"{operation} as {caller.Name}: {problem}");
        });

        output.WriteLine($"{calls.Count} calls: {operations.Count} routes by {callers.Count} callers.");
        Assert.True(mismatches.IsEmpty, string.Join("\n", mismatches.Order()));
    }

    /// <summary>Each role as the owner and as a stranger, then no token, a malformed one and a forged one.</summary>
    private static IEnumerable<Caller> Callers(IssuedWorld world)
    {
        var tokens = world.Server.Services.GetRequiredService<BearerTokens>();
        string Bearer(string subject, Role role) => "Bearer " + tokens.Issue(subject, role, TimeSpan.FromMinutes(10));
        foreach (var role in Enum.GetValues<Role>())
        {
            var owner = role switch
            {
                Role.Applicant => world.ApplicantSubject,
                Role.Inviter => world.InviterSubject,
                _ => $"{role.ToApiName()}-{Guid.NewGuid():N}",
            };
            yield return new Caller($"{role.ToApiName()} (owner)", role, Owner: true, Bearer(owner, role));
            yield return new Caller($"{role.ToApiName()} (stranger)", role, Owner: false, Bearer($"{role.ToApiName()}-{Guid.NewGuid():N}", role));
        }

        yield return new Caller("no token", null, false, null);
        yield return new Caller("malformed token", null, false, "Bearer not-a-jwt");
        // The owner's own officer-strength token with one signature character changed.
        var genuine = tokens.Issue(world.ApplicantSubject, Role.Officer, TimeSpan.FromMinutes(10));
        var forged = genuine[..^2] + (genuine[^2] == 'A' ? 'B' : 'A') + genuine[^1];
        yield return new Caller("forged token", null, false, "Bearer " + forged);
    }

    /// <summary>Null when the answer is the one the table gives for this caller, else what was wrong.</summary>
    private static async Task<string?> Mismatch(RouteAccess access, Caller caller, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        if (status >= 500)
            return $"{status}";
        switch (access.Gate)
        {
            case Gate.Anyone:
                return status is 401 or 403 ? $"{status} on a route open to anyone" : null;
            case Gate.Signature:
                // Unsigned, whatever bearer token it carries.
                return await ProblemMismatch(response, HttpStatusCode.Unauthorized, "invalid-signature");
        }

        if (caller.Role is not { } role)
            return await ProblemMismatch(response, HttpStatusCode.Unauthorized, "unauthenticated");
        if (!access.Roles.Contains(role))
            return await ProblemMismatch(response, HttpStatusCode.Forbidden, "forbidden");
        if (access.OwnerScoped.Contains(role) && !caller.Owner)
            return await ProblemMismatch(response, HttpStatusCode.NotFound, "not-found");
        // Allowed, and the owner where that matters: the request is judged on its merits (2xx, 409, 422), never refused
        // for who sent it, and the resource is not hidden from it.
        return status is 401 or 403 or 404 ? $"{status} {await response.Content.ReadAsStringAsync()}" : null;
    }

    private static async Task<string?> ProblemMismatch(HttpResponseMessage response, HttpStatusCode expected, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != expected)
            return $"{(int)response.StatusCode}, expected {(int)expected} {code}: {body}";
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            return $"content type {response.Content.Headers.ContentType}";
        using var problem = JsonDocument.Parse(body);
        return problem.RootElement.TryGetProperty("code", out var actual) && actual.GetString() == code
            ? null
            : $"code {actual}, expected {code}";
    }
}
