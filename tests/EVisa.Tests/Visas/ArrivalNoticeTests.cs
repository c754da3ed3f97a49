using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EVisa.Core.Identity;
using EVisa.Core.Visas;
using EVisa.Tests.Foundation;
using EVisa.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

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
        var notice = new { placeOfStay = "Abay Avenue 10, apartment 5, Almaty" };

        await TokenTests.AssertProblemAsync(await inviter.PostJsonAsync(path, notice), HttpStatusCode.Conflict, "not-entered");
        Assert.Equal(HttpStatusCode.Created, (await server.ClientFor("border-1", Role.Border).PostJsonAsync($"/api/visas/{issued.VisaNumber}/entries",
            new { checkpoint = "NQZ", passportNumber = request.PassportNumber })).StatusCode);

        // The place of stay is what the notice tells the migration service: without it nothing is filed.
        var missing = await inviter.PostJsonAsync(path, new { placeOfStay = "  " });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.True((await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("placeOfStay", out _));
        Assert.Null((await server.Services.GetRequiredService<VisaStore>().GetAsync(issued.VisaNumber, CancellationToken.None))!.ArrivalNotice!.FiledAt);

        var filed = await inviter.PostJsonAsync(path, notice);
        Assert.Equal(HttpStatusCode.OK, filed.StatusCode);
        var filedNotice = (await filed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("arrivalNotice");
        var filedAt = filedNotice.GetProperty("filedAt").GetDateTimeOffset();
        Assert.False(filedNotice.GetProperty("overdue").GetBoolean());
        Assert.True(filedAt < filedNotice.GetProperty("deadline").GetDateTimeOffset());
        Assert.Equal(notice.placeOfStay, (await server.Services.GetRequiredService<VisaStore>().GetAsync(issued.VisaNumber, CancellationToken.None))!.ArrivalNotice!.PlaceOfStay);

        var again = await inviter.PostJsonAsync(path, notice);
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
        var notice = new { placeOfStay = "Abay Avenue 10, Almaty" };

        await TokenTests.AssertProblemAsync(await server.ClientFor("another-inviter", Role.Inviter).PostJsonAsync(path, notice), HttpStatusCode.NotFound, "not-found");
        await TokenTests.AssertProblemAsync(await server.ClientFor(request.InviterId, Role.Inviter).PostJsonAsync("/api/visas/NOSUCHVISA1/arrival-notice", notice),
            HttpStatusCode.NotFound, "not-found");
        await TokenTests.AssertProblemAsync(await server.ClientFor(request.ApplicantId, Role.Applicant).PostAsync(path, null), HttpStatusCode.Forbidden, "forbidden");
        await TokenTests.AssertProblemAsync(await server.ClientFor("border-1", Role.Border).PostAsync(path, null), HttpStatusCode.Forbidden, "forbidden");
    }
}
