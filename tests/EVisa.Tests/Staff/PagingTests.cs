using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EVisa.Core;
using EVisa.Core.Api;
using EVisa.Core.Identity;
using EVisa.Tests.Foundation;
using EVisa.Tests.Infrastructure;

namespace EVisa.Tests.Staff;

/// <summary>
/// One paging rule for every list an inviter or officer reads: <c>pageSize</c> 1 to 100 (default 20); outside it, or not
/// a number, 400 problem+json naming the field, on each list alike.
/// </summary>
public sealed class PagingTests
{
    public static TheoryData<string, Role> Lists() => new()
    {
        { "/api/invitations", Role.Inviter },
        { "/api/invitations/pending", Role.Officer },
        { "/api/applications?status=issued", Role.Officer },
        { "/api/applications/stuck", Role.Officer },
        { "/api/arrival-notices/overdue", Role.Officer },
        { "/api/payments/reviews", Role.Officer },
        { "/api/notifications/dead-letters", Role.Officer },
        { "/api/audit?resourceType=visa&resourceId=0000000000", Role.Officer },
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task Every_list_takes_a_page_size_from_1_to_100_and_refuses_others(string path, Role role)
    {
        Assert.Equal((20, 100), (PageQuery.DefaultPageSize, PageQuery.MaxPageSize));
        var server = await TestServers.SharedAsync();
        var client = server.ClientFor("paging-" + role.ToApiName(), role);
        var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';

        foreach (var size in new[] { "1", "100" })
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"{path}{separator}pageSize={size}")).StatusCode);
        var first = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.InRange((await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").GetArrayLength(), 0, PageQuery.DefaultPageSize);

        foreach (var size in new[] { "0", "101", "200", "-1", "ten" })
        {
            var problem = await TokenTests.AssertProblemAsync(await client.GetAsync($"{path}{separator}pageSize={size}"),
                HttpStatusCode.BadRequest, "validation-failed");
            Assert.Equal("Must be a whole number from 1 to 100.", problem.GetProperty("errors").GetProperty("pageSize")[0].GetString());
        }
    }
}
