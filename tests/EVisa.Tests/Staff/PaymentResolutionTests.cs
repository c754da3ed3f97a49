using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using EVisa.Core.Payments;
using EVisa.Core.Rules;
using EVisa.Core.Storage;
using EVisa.DevServer.Payments;
using EVisa.Tests.Foundation;
using EVisa.Tests.Infrastructure;
using EVisa.Tests.Payments;
using EVisa.Tests.Pipeline;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

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
        var (kit, scenario, applicationId, payment, review) = await UnknownPaymentInReviewAsync();
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

    /// <summary>
    /// The process dies between the two writes of a credit (the application's request paid, the review closed): the
    /// retried resolution finishes it, so the review ends credited and the application is credited exactly once, by
    /// this payment. Had the review been closed first, the crash would have left it credited with no credit.
    /// </summary>
    [Fact]
    public async Task A_credit_cut_short_by_a_crash_is_finished_by_the_retry_and_credits_once()
    {
        var (kit, scenario, applicationId, payment, review) = await UnknownPaymentInReviewAsync();
        var reviewId = review.GetProperty("id").GetString()!;

        var crash = new CrashAtCreditWrite(2);
        var resolver = await ResolverOnAsync(kit, crash);
        var durable = kit.Server.Services.GetRequiredService<DurableTaskClient>();
        var credit = new Closure(PaymentReviewResolver.Credited, "reference mistyped", "officer-crash", DateTimeOffset.UtcNow, applicationId);

        await Assert.ThrowsAsync<InvalidOperationException>(() => resolver.ResolveAsync(reviewId, credit, durable, CancellationToken.None));
        Assert.True(crash.Crashed);

        var retried = await resolver.ResolveAsync(reviewId, credit, durable, CancellationToken.None);
        Assert.Equal(ReviewResolutionOutcome.Resolved, retried.Outcome);
        Assert.Equal((PaymentReviewResolver.Credited, applicationId), (retried.Review!.Resolution!.Outcome, retried.Review.Resolution.ApplicationId));
        await scenario.StatusBecomesAsync(applicationId, "issued");
        var paid = (await kit.Requests.GetByApplicationAsync(applicationId))!;
        Assert.Equal((PaymentRequestState.Paid, payment.EventId), (paid.State, paid.PaidByEventId));
        Assert.DoesNotContain(await ReviewsAsync(scenario.Officer, "state=open"), r => r.GetProperty("eventId").GetString() == payment.EventId);
        var resolved = Assert.Single(await ReviewsAsync(scenario.Officer, "state=resolved"), r => r.GetProperty("eventId").GetString() == payment.EventId);
        Assert.Equal("officer-crash", resolved.GetProperty("resolution").GetProperty("by").GetString());
        // Once: a third attempt, by anyone, is told the resolution is final.
        Assert.Equal(ReviewResolutionOutcome.AlreadyResolved, (await resolver.ResolveAsync(reviewId,
            credit with { Outcome = "dismissed", ApplicationId = null }, durable, CancellationToken.None)).Outcome);
    }

    /// <summary>
    /// A delivery of a payment cut short after it queued the review (its event not yet marked reviewed) is resumed by
    /// the provider's retry while an officer's credit of that review is claimed and itself cut short. The resumed
    /// delivery must leave the claimed review as it is: overwriting it dropped the claim, and another officer could then
    /// credit the same payment to a second application while the first credit was still to be finished (R8: once).
    /// </summary>
    [Fact]
    public async Task A_resumed_delivery_leaves_a_claimed_review_so_its_payment_is_credited_once()
    {
        var kit = await PaymentTestKit.StartAsync();
        var scenario = new PipelineScenario(kit.Server);
        var first = await scenario.AwaitingPaymentAsync();
        var second = await new PipelineScenario(kit.Server).AwaitingPaymentAsync();
        var (payment, reviewId) = await DeliveryCutShortInReviewAsync(kit, (await kit.Requests.GetByApplicationAsync(first))!.Request);
        var durable = kit.Server.Services.GetRequiredService<DurableTaskClient>();
        var credit = new Closure(PaymentReviewResolver.Credited, "reference mistyped", "officer-crash", DateTimeOffset.UtcNow, first);

        var crash = new CrashAtCreditWrite(1);
        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await (await ResolverOnAsync(kit, crash)).ResolveAsync(reviewId, credit, durable, CancellationToken.None));
        Assert.NotNull(PaymentReviewStore.ClaimedCredit((await kit.Reviews.FindAsync(reviewId)).Open!));

        Assert.Equal("in-review", await kit.PayAsync(payment));
        Assert.NotNull(PaymentReviewStore.ClaimedCredit((await kit.Reviews.FindAsync(reviewId)).Open!));

        // Another officer's credit to the second application finishes the claimed one first, and is told so.
        var other = await TokenTests.AssertProblemAsync(await scenario.Officer.PostAsJsonAsync($"/api/payments/reviews/{reviewId}/resolution",
            new { outcome = "credited", applicationId = second, note = "same amount" }), HttpStatusCode.Conflict, "review-already-resolved");
        Assert.Equal(first, other.GetProperty("resolution").GetProperty("applicationId").GetString());
        await scenario.StatusBecomesAsync(first, "issued");
        Assert.Equal(payment.EventId, (await kit.Requests.GetByApplicationAsync(first))!.PaidByEventId);
        Assert.Equal(PaymentRequestState.Awaiting, (await kit.Requests.GetByApplicationAsync(second))!.State);
        var review = Assert.Single(await ReviewsAsync(scenario.Officer, "state=all"), r => r.GetProperty("eventId").GetString() == payment.EventId);
        Assert.Equal("officer-crash", review.GetProperty("resolution").GetProperty("by").GetString());
    }

    /// <summary>
    /// A delivery cut short after it queued the review, resumed by the provider's retry after an officer resolved that
    /// review: the resolution is final, so the payment is not put in the queue again beside it.
    /// </summary>
    [Fact]
    public async Task A_resumed_delivery_does_not_reopen_a_review_an_officer_resolved()
    {
        var kit = await PaymentTestKit.StartAsync();
        var scenario = new PipelineScenario(kit.Server);
        var (payment, reviewId) = await DeliveryCutShortInReviewAsync(kit, await kit.NewRequestAsync());
        Assert.Equal(HttpStatusCode.OK, (await scenario.Officer.PostAsJsonAsync($"/api/payments/reviews/{reviewId}/resolution",
            new { outcome = "returned", note = "returned to the payer by the provider" })).StatusCode);

        Assert.Equal("in-review", await kit.PayAsync(payment));

        Assert.Null((await kit.Reviews.FindAsync(reviewId)).Open);
        Assert.DoesNotContain(await ReviewsAsync(scenario.Officer, "state=open"), r => r.GetProperty("eventId").GetString() == payment.EventId);
        var review = Assert.Single(await ReviewsAsync(scenario.Officer, "state=all"), r => r.GetProperty("eventId").GetString() == payment.EventId);
        Assert.Equal("returned", review.GetProperty("resolution").GetProperty("outcome").GetString());
        Assert.Equal(PaymentEventState.Reviewed, (await kit.Events.GetAsync(payment.EventId!))!.State);
    }

    /// <summary>
    /// An officer's credit cut short after its claim is finished by the retry after the application's orchestration
    /// ended: the request is paid by the payment, which no orchestration will hear, so the review stays open, in place,
    /// for that application and reason; the officer is told, and it is neither resolved nor queued a second time.
    /// </summary>
    [Fact]
    public async Task A_credit_finished_after_its_application_ended_keeps_the_review_open_for_that()
    {
        var (kit, scenario, applicationId, payment, listed) = await UnknownPaymentInReviewAsync();
        var reviewId = listed.GetProperty("id").GetString()!;
        var durable = kit.Server.Services.GetRequiredService<DurableTaskClient>();
        var credit = new Closure(PaymentReviewResolver.Credited, "reference mistyped", "officer-crash", DateTimeOffset.UtcNow, applicationId);
        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await (await ResolverOnAsync(kit, new CrashAtCreditWrite(1))).ResolveAsync(reviewId, credit, durable, CancellationToken.None));
        await durable.TerminateInstanceAsync(applicationId, "lost, as a test");
        await Eventually.ReturnsAsync(() => durable.GetInstanceAsync(applicationId, getInputsAndOutputs: false),
            i => i?.RuntimeStatus == OrchestrationRuntimeStatus.Terminated, what: $"instance {applicationId} terminated");

        var retried = await kit.Server.Services.GetRequiredService<PaymentReviewResolver>().ResolveAsync(reviewId, credit, durable,
            CancellationToken.None);

        Assert.Equal(ReviewResolutionOutcome.ApplicationNotWaiting, retried.Outcome);
        Assert.Equal(payment.EventId, (await kit.Requests.GetByApplicationAsync(applicationId))!.PaidByEventId);
        var (review, open) = await kit.Reviews.FindAsync(reviewId);
        Assert.NotNull(open);
        Assert.Null(PaymentReviewStore.ClaimedCredit(open));
        Assert.Equal((PaymentReviewReasons.ApplicationNotWaiting, applicationId, null), (review!.Reason, review.ApplicationId, review.Resolution));
        Assert.Single(await ReviewsAsync(scenario.Officer, "state=all"), r => r.GetProperty("eventId").GetString() == payment.EventId);
        Assert.Equal(PaymentEventState.Reviewed, (await kit.Events.GetAsync(payment.EventId!))!.State);
    }

    /// <summary>
    /// What a webhook delivery cut short after queueing its payment for review leaves behind: the event recorded and
    /// not marked reviewed (its lease run out), its review open (a payment of <paramref name="request"/>'s fee under a
    /// mistyped reference). The payment, for the provider to deliver again, and the review's id.
    /// </summary>
    private static async Task<(SimulatedPayment Payment, string ReviewId)> DeliveryCutShortInReviewAsync(PaymentTestKit kit, PaymentRequest request)
    {
        var payment = PaymentTestKit.PaymentFor(request) with { PaymentReference = "PAY-TYPO-" + Guid.NewGuid().ToString("N")[..8] };
        var crashedAt = DateTimeOffset.UtcNow - PaymentCrediting.Lease - TimeSpan.FromSeconds(5);
        await kit.Events.RecordAsync(new PaymentEvent(payment.EventId!, payment.PaymentReference, payment.AmountMinor, payment.Currency,
            PaymentOutcome.Succeeded, crashedAt), crashedAt);
        var receivedAt = (await kit.Events.GetAsync(payment.EventId!))!.ReceivedAt;
        await kit.Reviews.AddAsync(new PaymentReview(payment.EventId!, payment.PaymentReference, null, payment.AmountMinor, payment.Currency,
            PaymentReviewReasons.UnknownReference, crashedAt, receivedAt));
        return (payment, PaymentReviewStore.IdFor(payment.EventId!, receivedAt));
    }

    /// <summary>A resolver like the host's, but whose own table writes go through <paramref name="crash"/>.</summary>
    private static async Task<PaymentReviewResolver> ResolverOnAsync(PaymentTestKit kit, CrashAtCreditWrite crash)
    {
        var options = new TableClientOptions { Retry = { MaxRetries = 0 } };
        options.AddPolicy(crash, HttpPipelinePosition.PerCall);
        var tables = new StorageTables(new TableServiceClient(await SharedAzurite.ConnectionStringAsync(), options));
        var services = kit.Server.Services;
        return new PaymentReviewResolver(new PaymentReviewStore(tables),
            new PaymentRequestStore(tables, services.GetRequiredService<FeeSchedule>(), TimeProvider.System, NullLogger<PaymentRequestStore>.Instance),
            services.GetRequiredService<PaymentCrediting>(), NullLogger<PaymentReviewResolver>.Instance);
    }

    /// <summary>
    /// As if the process died at the <paramref name="write"/>th write a credit makes of its own (past its claim),
    /// whichever it is: the update of a payment request or the transaction that closes a review.
    /// </summary>
    private sealed class CrashAtCreditWrite(int write) : HttpPipelinePolicy
    {
        private int _writes;

        public bool Crashed { get; private set; }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Crash(message.Request);
            ProcessNext(message, pipeline);
        }

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Crash(message.Request);
            return ProcessNextAsync(message, pipeline);
        }

        private void Crash(Request request)
        {
            var path = request.Uri.Path;
            var isWrite = request.Method != RequestMethod.Get
                && (path.Contains("/" + PaymentTables.PaymentRequests, StringComparison.Ordinal) || path.EndsWith("$batch", StringComparison.Ordinal));
            if (isWrite && Interlocked.Increment(ref _writes) == write)
            {
                Crashed = true;
                throw new InvalidOperationException("The process died here.");
            }
        }
    }

    /// <summary>An application awaiting payment, and a payment of its fee under a mistyped reference, kept for review.</summary>
    private static async Task<(PaymentTestKit Kit, PipelineScenario Scenario, string ApplicationId, SimulatedPayment Payment,
        JsonElement Review)>
        UnknownPaymentInReviewAsync()
    {
        var kit = await PaymentTestKit.StartAsync();
        var scenario = new PipelineScenario(kit.Server);
        var applicationId = await scenario.AwaitingPaymentAsync();
        var request = (await kit.Requests.GetByApplicationAsync(applicationId))!.Request;
        var payment = PaymentTestKit.PaymentFor(request) with { PaymentReference = "PAY-TYPO-" + Guid.NewGuid().ToString("N")[..8] };
        Assert.Equal("in-review", await kit.PayAsync(payment));
        return (kit, scenario, applicationId, payment, await OpenReviewAsync(scenario.Officer, payment.EventId!));
    }

    private static async Task<JsonElement> OpenReviewAsync(HttpClient officer, string eventId) =>
        Assert.Single(await ReviewsAsync(officer, "state=open"), r => r.GetProperty("eventId").GetString() == eventId);

    private static async Task<List<JsonElement>> ReviewsAsync(HttpClient officer, string query) =>
        [.. (await InvitationListTests.PagesAsync(officer, $"/api/payments/reviews?{query}".TrimEnd('?'), 100)).SelectMany(p => p)];
}
