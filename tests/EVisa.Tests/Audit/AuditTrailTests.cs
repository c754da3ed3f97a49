using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EVisa.Core;
using EVisa.Core.Audit;
using EVisa.Core.Identity;
using EVisa.Tests.Faults;
using EVisa.Tests.Infrastructure;

namespace EVisa.Tests.Audit;

/// <summary>
/// The audit trail the edge writes: every function declared <c>[Audited]</c> (read from the declarations, so a new
/// one is covered here without anyone adding it) leaves exactly one record per request, allowed or denied, and
/// officers read them per resource, newest first.
/// </summary>
public sealed class AuditTrailTests
{
    private static IReadOnlyList<FunctionDeclarationRow> Audited { get; } = [.. Declarations.Http
        .Where(d => d.Audited is not null)
        .Select(d => new FunctionDeclarationRow(d.Name, d.Audited!, ((RequiresRoleAttribute)d.Access!).Roles))];

    private sealed record FunctionDeclarationRow(string Name, AuditedAttribute Audited, IReadOnlyList<Role> Roles);

    [Fact]
    public void The_state_changing_staff_routes_are_audited()
    {
        string[] stateChanging = ["RegisterInvitation", "DecideInvitation", "RecordVisaEntry", "RecordVisaExit", "RevokeVisa",
            "ExtendVisa", "FileArrivalNotice"];
        Assert.Empty(stateChanging.Except(Audited.Select(a => a.Name)));
    }

    [Fact]
    public async Task Each_audited_route_leaves_exactly_one_record_of_its_request()
    {
        var server = await TestServers.SharedAsync();
        var operations = (await ServedOperation.ReadAsync(server)).ToDictionary(o => o.OperationId);
        var world = await IssuedWorld.CreateAsync(server);
        var officer = server.ClientFor($"officer-{Guid.NewGuid():N}", Role.Officer);

        foreach (var audited in Audited)
        {
            var operation = operations[audited.Name];
            var role = audited.Roles[0];
            var subject = role switch
            {
                Role.Applicant => world.ApplicantSubject,
                Role.Inviter => world.InviterSubject,
                _ => $"{role.ToApiName()}-{Guid.NewGuid():N}",
            };
            var resourceId = audited.Audited.RouteParameter is { } parameter ? world.IdFor(parameter)! : null;
            var before = resourceId is null ? [] : await RecordsAsync(officer, audited.Audited.ResourceType, resourceId, audited.Name);

            using var request = new HttpRequestMessage(operation.HttpMethod, operation.PathWith(p => world.IdFor(p)!) + world.SampleQuery(audited.Name))
            {
                Content = JsonContent.Create(world.SampleBody(audited.Name)),
            };
            using var response = await server.ClientFor(subject, role).SendAsync(request);
            resourceId ??= response.Headers.Location!.OriginalString.Split('/')[^1];

            var after = await RecordsAsync(officer, audited.Audited.ResourceType, resourceId, audited.Name);
            Assert.True(after.Count == before.Count + 1, $"{audited.Name}: {after.Count - before.Count} new records");
            var record = after[0];
            Assert.Equal(subject, record["actor"]!.GetValue<string>());
            Assert.Equal(role.ToApiName(), record["role"]!.GetValue<string>());
            Assert.Equal(resourceId, record["resourceId"]!.GetValue<string>());
            Assert.Equal((int)response.StatusCode, record["status"]!.GetValue<int>());
            Assert.Equal(AuditOutcomes.FromStatus((int)response.StatusCode).ToString().ToLowerInvariant(), record["outcome"]!.GetValue<string>());
        }

        // Newest first, across every action on the visa.
        var trail = await RecordsAsync(officer, "visa", world.VisaNumber, action: null);
        var times = trail.Select(r => r["at"]!.GetValue<DateTimeOffset>()).ToList();
        Assert.Equal(times.OrderDescending(), times);
    }

    [Fact]
    public async Task A_denied_request_leaves_one_record_with_no_actor_without_a_token_and_the_caller_with_a_wrong_role()
    {
        var server = await TestServers.SharedAsync();
        var world = await IssuedWorld.CreateAsync(server);
        var officer = server.ClientFor($"officer-{Guid.NewGuid():N}", Role.Officer);
        var path = $"/api/visas/{world.VisaNumber}/revocation";

        var anonymous = await server.Client().PostAsJsonAsync(path, new { reason = "fraud" });
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        var records = await RecordsAsync(officer, "visa", world.VisaNumber, "RevokeVisa");
        var denied = Assert.Single(records);
        Assert.Equal("", denied["actor"]!.GetValue<string>());
        Assert.Equal("", denied["role"]!.GetValue<string>());
        Assert.Equal("denied", denied["outcome"]!.GetValue<string>());
        Assert.Equal(401, denied["status"]!.GetValue<int>());

        var border = $"border-{Guid.NewGuid():N}";
        var forbidden = await server.ClientFor(border, Role.Border).PostAsJsonAsync(path, new { reason = "fraud" });
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        records = await RecordsAsync(officer, "visa", world.VisaNumber, "RevokeVisa");
        Assert.Equal(2, records.Count);
        Assert.Equal(border, records[0]["actor"]!.GetValue<string>());
        Assert.Equal("border", records[0]["role"]!.GetValue<string>());
        Assert.Equal("denied", records[0]["outcome"]!.GetValue<string>());
        Assert.Equal(403, records[0]["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_trail_is_read_per_resource_and_both_are_required()
    {
        var server = await TestServers.SharedAsync();
        var officer = server.ClientFor($"officer-{Guid.NewGuid():N}", Role.Officer);

        var missing = await officer.GetAsync("/api/audit?resourceType=visa");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var errors = (await missing.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("resourceId"));

        var none = await officer.GetFromJsonAsync<JsonObject>($"/api/audit?resourceType=visa&resourceId={Uri.EscapeDataString("no/such#visa?")}");
        Assert.Empty(none!["items"]!.AsArray());
    }

    /// <summary>The resource's records, newest first, of one action (all when null), every page.</summary>
    private static async Task<List<JsonObject>> RecordsAsync(HttpClient officer, string resourceType, string resourceId, string? action)
    {
        var records = new List<JsonObject>();
        string? token = null;
        do
        {
            var page = (await officer.GetFromJsonAsync<JsonObject>(
                $"/api/audit?resourceType={resourceType}&resourceId={Uri.EscapeDataString(resourceId)}&pageSize=100" +
                (token is null ? "" : $"&continuationToken={token}")))!;
            records.AddRange(page["items"]!.AsArray().Select(i => i!.AsObject()));
            token = page["continuationToken"]?.GetValue<string>();
        }
        while (token is not null);
        return action is null ? records : records.Where(r => r["action"]!.GetValue<string>() == action).ToList();
    }
}
