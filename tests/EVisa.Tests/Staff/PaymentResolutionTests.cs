using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EVisa.Core.Payments;
using EVisa.Tests.Foundation;
using EVisa.Tests.Payments;
using EVisa.Tests.Pipeline;

namespace EVisa.Tests.Staff;

/// <summary>
/// R8's review queue resolved by officers over real HTTP: a payment kept for review credited to an application that
/// can take it (through the webhook's conditional credit, so a fee is credited once), returned, or dismissed; each
/// resolution final, with a note, who and when, one winner under a race.
/// </summary>
[Trait("Rule", "R8")]
public sealed class PaymentResolutionTests
{
    [Fact]
    public async Task A_payment_with_an_unknown_reference_credited_to_an_awaiting_application_issues_its_visa_once()
    {
        var kit = await PaymentTestKit.StartAsync();
        var scenario = new PipelineScenario(kit.Server);
        var applicationId = await scenario.AwaitingPaymentAsync();
        var request = (await kit.Requests.GetByApplicationAsync(applicationId))!.Request;
        var payment = PaymentTestKit.PaymentFor(request) with { PaymentReference = "PAY-TYPO-" + Guid.NewGuid().ToString("N")[..8] };
        Assert.Equal("in-review", await kit.PayAsync(payment));
        var review = await OpenReviewAsync(scenario.Officer, payment.EventId!);
        Assert.Equal(JsonValueKind.Null, review.GetProperty("resolution").ValueKind);
        var path = $"/api/payments/reviews/{review.GetProperty("id").GetString()}/resolution";

        var missing = await TokenTests.AssertProblemAsync(await scenario.Officer.PostAsJsonAsync(path, new { outcome = "credited", note = "typo" }),
            HttpStatusCode.BadRequest, "validation-failed");
        Assert.True(missing.GetProperty("errors").TryGetProperty("applicationId", out _));
        await TokenTests.AssertProblemAsync(await scenario.Officer.PostAsJsonAsync(path,
            new { outcome = "dismissed", applicationId, note = "only credited names one" }), HttpStatusCode.BadRequest, "validation-failed");
        await TokenTests.AssertProblemAsync(await scenario.Officer.PostAsJsonAsync(path,
            new { outcome = "credited", applicationId = "nosuchapplication", note = "typo" }), HttpStatusCode.UnprocessableEntity,
            "application-not-awaiting-payment");

        var before = DateTimeOffset.UtcNow;
        var credited = await scenario.Officer.PostAsJsonAsync(path, new { outcome = "credited", applicationId, note = "reference mistyped by the payer" });
        Assert.Equal(HttpStatusCode.OK, credited.StatusCode);
        var resolution = (await credited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("resolution");
        Assert.Equal("credited", resolution.GetProperty("outcome").GetString());
        Assert.Equal(applicationId, resolution.GetProperty("applicationId").GetString());
        Assert.Equal("reference mistyped by the payer", resolution.GetProperty("note").GetString());
        Assert.Equal($"officer-{scenario.InviterSubject["inviter-".Length..]}", resolution.GetProperty("by").GetString());
        Assert.True(resolution.GetProperty("at").GetDateTimeOffset() >= before.AddSeconds(-1));

        await scenario.StatusBecomesAsync(applicationId, "issued");
        var paid = (await kit.Requests.GetByApplicationAsync(applicationId))!;
        Assert.Equal((PaymentRequestState.Paid, payment.EventId), (paid.State, paid.PaidByEventId));

        // Final: a second resolution is refused and says what the first was.
        var again = await TokenTests.AssertProblemAsync(await scenario.Officer.PostAsJsonAsync(path, new { outcome = "dismissed", note = "again" }),
            HttpStatusCode.Conflict, "review-already-resolved");
        Assert.Equal("credited", again.GetProperty("resolution").GetProperty("outcome").GetString());
        Assert.DoesNotContain(await ReviewsAsync(scenario.Officer, ""), r => r.GetProperty("eventId").GetString() == payment.EventId);
        Assert.Single(await ReviewsAsync(scenario.Officer, "state=resolved"), r => r.GetProperty("eventId").GetString() == payment.EventId);
        Assert.Single(await ReviewsAsync(scenario.Officer, "state=all"), r => r.GetProperty("eventId").GetString() == payment.EventId);
    }

    [Fact]
    public async Task Two_payments_credited_to_one_fee_at_once_credit_it_once_and_the_other_stays_open()
    {
        var kit = await PaymentTestKit.StartAsync();
        var scenario = new PipelineScenario(kit.Server);
        var applicationId = await scenario.AwaitingPaymentAsync();
        var request = (await kit.Requests.GetByApplicationAsync(applicationId))!.Request;
        var payments = Enumerable.Range(0, 2)
            .Select(_ => PaymentTestKit.PaymentFor(request) with { PaymentReference = "PAY-TYPO-" + Guid.NewGuid().ToString("N")[..8] }).ToList();
        foreach (var payment in payments)
            Assert.Equal("in-review", await kit.PayAsync(payment));
        var ids = new List<string>();
        foreach (var payment in payments)
            ids.Add((await OpenReviewAsync(scenario.Officer, payment.EventId!)).GetProperty("id").GetString()!);

        var answers = await Task.WhenAll(ids.Select(id => scenario.Officer.PostAsJsonAsync($"/api/payments/reviews/{id}/resolution",
            new { outcome = "credited", applicationId, note = "same payer" })));

        var won = Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        var lost = Assert.Single(answers, a => a != won);
        await TokenTests.AssertProblemAsync(lost, HttpStatusCode.UnprocessableEntity, "application-already-paid");
        var winner = payments[Array.IndexOf(answers, won)].EventId;
        var loser = payments[Array.IndexOf(answers, lost)].EventId!;
        await scenario.StatusBecomesAsync(applicationId, "issued");
        Assert.Equal(winner, (await kit.Requests.GetByApplicationAsync(applicationId))!.PaidByEventId);
        // The other payment is still there for an officer (R8: never dropped).
        await OpenReviewAsync(scenario.Officer, loser);
    }

    [Fact]
    public async Task Officers_racing_to_resolve_one_review_get_one_resolution_and_a_wrong_amount_is_never_credited()
    {
        var kit = await PaymentTestKit.StartAsync();
        var scenario = new PipelineScenario(kit.Server);
        var applicationId = await scenario.AwaitingPaymentAsync();
        var request = (await kit.Requests.GetByApplicationAsync(applicationId))!.Request;
        var payment = PaymentTestKit.PaymentFor(request) with
        {
            PaymentReference = "PAY-TYPO-" + Guid.NewGuid().ToString("N")[..8],
            AmountMinor = request.AmountMinor - 1,
        };
        Assert.Equal("in-review", await kit.PayAsync(payment));
        var path = $"/api/payments/reviews/{(await OpenReviewAsync(scenario.Officer, payment.EventId!)).GetProperty("id").GetString()}/resolution";

        await TokenTests.AssertProblemAsync(await scenario.Officer.PostAsJsonAsync(path, new { outcome = "credited", applicationId, note = "short" }),
            HttpStatusCode.UnprocessableEntity, "amount-mismatch");
        Assert.Equal(PaymentRequestState.Awaiting, (await kit.Requests.GetByApplicationAsync(applicationId))!.State);

        var answers = await Task.WhenAll(new[] { "returned", "dismissed", "returned" }.Select(outcome =>
            scenario.Officer.PostAsJsonAsync(path, new { outcome, note = $"{outcome} by the provider" })));
        var won = Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        foreach (var lost in answers.Where(a => a != won))
            await TokenTests.AssertProblemAsync(lost, HttpStatusCode.Conflict, "review-already-resolved");
        var resolution = (await won.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("resolution");
        Assert.Equal(JsonValueKind.Null, resolution.GetProperty("applicationId").ValueKind);
        Assert.Equal($"{resolution.GetProperty("outcome").GetString()} by the provider", resolution.GetProperty("note").GetString());
        await TokenTests.AssertProblemAsync(await scenario.Officer.PostAsJsonAsync("/api/payments/reviews/0000-nosuchreview/resolution",
            new { outcome = "dismissed", note = "x" }), HttpStatusCode.NotFound, "not-found");
    }

    private static async Task<JsonElement> OpenReviewAsync(HttpClient officer, string eventId) =>
        Assert.Single(await ReviewsAsync(officer, "state=open"), r => r.GetProperty("eventId").GetString() == eventId);

    private static async Task<List<JsonElement>> ReviewsAsync(HttpClient officer, string query) =>
        [.. (await InvitationListTests.PagesAsync(officer, $"/api/payments/reviews?{query}".TrimEnd('?'), 100)).SelectMany(p => p)];
}
