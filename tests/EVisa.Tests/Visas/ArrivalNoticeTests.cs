using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EVisa.Core.Identity;
using EVisa.Tests.Foundation;
using EVisa.Tests.Infrastructure;

namespace EVisa.Tests.Visas;

/// <summary>R13: the inviting party files the arrival notice after the entry.</summary>
public sealed class ArrivalNoticeTests
{
    [Fact]
    [Trait("Rule", "R13")]
    public async Task The_inviting_party_files_the_notice_after_the_entry_once()
    {
        var server = await TestServers.SharedAsync();
        var (request, issued) = await VisaSamples.IssueAsync(server);
        var inviter = server.ClientFor(request.InviterId, Role.Inviter);
        var path = $"/api/visas/{issued.VisaNumber}/arrival-notice";

        await TokenTests.AssertProblemAsync(await inviter.PostAsync(path, null), HttpStatusCode.Conflict, "not-entered");
        Assert.Equal(HttpStatusCode.Created, (await server.ClientFor("border-1", Role.Border).PostJsonAsync($"/api/visas/{issued.VisaNumber}/entries",
            new { checkpoint = "NQZ", passportNumber = request.PassportNumber })).StatusCode);

        var filed = await inviter.PostAsync(path, null);
        Assert.Equal(HttpStatusCode.OK, filed.StatusCode);
        var notice = (await filed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("arrivalNotice");
        var filedAt = notice.GetProperty("filedAt").GetDateTimeOffset();
        Assert.False(notice.GetProperty("overdue").GetBoolean());
        Assert.True(filedAt < notice.GetProperty("deadline").GetDateTimeOffset());

        var again = await inviter.PostAsync(path, null);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(filedAt, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("arrivalNotice").GetProperty("filedAt").GetDateTimeOffset());
    }

    [Fact]
    [Trait("Rule", "R13")]
    public async Task Another_inviting_party_gets_404_and_other_roles_403()
    {
        var server = await TestServers.SharedAsync();
        var (request, issued) = await VisaSamples.IssueAsync(server);
        var path = $"/api/visas/{issued.VisaNumber}/arrival-notice";

        await TokenTests.AssertProblemAsync(await server.ClientFor("another-inviter", Role.Inviter).PostAsync(path, null), HttpStatusCode.NotFound, "not-found");
        await TokenTests.AssertProblemAsync(await server.ClientFor(request.InviterId, Role.Inviter).PostAsync("/api/visas/NOSUCHVISA1/arrival-notice", null),
            HttpStatusCode.NotFound, "not-found");
        await TokenTests.AssertProblemAsync(await server.ClientFor(request.ApplicantId, Role.Applicant).PostAsync(path, null), HttpStatusCode.Forbidden, "forbidden");
        await TokenTests.AssertProblemAsync(await server.ClientFor("border-1", Role.Border).PostAsync(path, null), HttpStatusCode.Forbidden, "forbidden");
    }
}
