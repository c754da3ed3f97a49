using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EVisa.Core.Identity;
using EVisa.Tests.Foundation;
using EVisa.Tests.Infrastructure;

namespace EVisa.Tests.Payments;

/// <summary>GET /api/payments/reviews: the officers' queue (R8), a page at a time by continuation token.</summary>
[Trait("Rule", "R8")]
public sealed class PaymentReviewsApiTests
{
    [Fact]
    public async Task Officers_page_through_the_review_queue()
    {
        var kit = await PaymentTestKit.StartAsync();
        var request = await kit.NewRequestAsync();
        for (var i = 0; i < 3; i++)
            await kit.PayAsync(PaymentTestKit.PaymentFor(request) with { PaymentReference = "PAY-UNKNOWN-FOR-PAGING" });
        var officer = kit.Server.ClientFor("officer-1", Role.Officer);

        var first = await officer.GetFromJsonAsync<JsonElement>("/api/payments/reviews?pageSize=2");
        var token = first.GetProperty("continuationToken").GetString();
        var second = await officer.GetFromJsonAsync<JsonElement>($"/api/payments/reviews?pageSize=2&continuationToken={Uri.EscapeDataString(token!)}");

        Assert.Equal(2, first.GetProperty("items").GetArrayLength());
        var firstIds = first.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("eventId").GetString()).ToList();
        var secondIds = second.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("eventId").GetString()).ToList();
        Assert.NotEmpty(secondIds);
        Assert.Empty(firstIds.Intersect(secondIds));
        var item = first.GetProperty("items")[0];
        foreach (var field in new[] { "paymentReference", "amountMinor", "currency", "reason", "occurredAt", "receivedAt" })
            Assert.True(item.TryGetProperty(field, out _), field);
    }

    [Theory]
    [InlineData(Role.Applicant)]
    [InlineData(Role.Border)]
    public async Task Only_officers_see_the_queue(Role role)
    {
        var kit = await PaymentTestKit.StartAsync();
        var response = await kit.Server.ClientFor("someone", role).GetAsync("/api/payments/reviews");
        await TokenTests.AssertProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
        var anonymous = await kit.Server.Client().GetAsync("/api/payments/reviews");
        await TokenTests.AssertProblemAsync(anonymous, HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Theory]
    [InlineData("pageSize=0")]
    [InlineData("pageSize=1000")]
    [InlineData("pageSize=ten")]
    [InlineData("continuationToken=%25%25not-base64")]
    public async Task Bad_paging_parameters_get_400(string query)
    {
        var kit = await PaymentTestKit.StartAsync();
        var response = await kit.Server.ClientFor("officer-1", Role.Officer).GetAsync($"/api/payments/reviews?{query}");
        await TokenTests.AssertProblemAsync(response, HttpStatusCode.BadRequest, "validation-failed");
    }
}
