using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text.Json;
using EVisa.Core.Identity;
using EVisa.Core.Payments;
using EVisa.Core.Visas;
using EVisa.Tests.Infrastructure;
using EVisa.Tests.Payments;
using EVisa.Tests.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace EVisa.Tests.Faults;

/// <summary>
/// The provider at its worst (DESIGN.md: "possibly more than once, possibly late, in any order"): twelve applications
/// awaiting payment, each paid twice (two distinct events for the same fee), every event delivered three times,
/// all deliveries shuffled across applications and sent concurrently, a quarter of them held back until every
/// application is issued. Each application is credited exactly once and gets one visa and one PDF; the other payment
/// is in the review queue exactly once; every redelivery is acknowledged as a duplicate.
/// </summary>
[Trait("Category", "Faults")]
[Trait("Rule", "R8")]
public sealed class WebhookStormTests(ITestOutputHelper output)
{
    private const int Applications = 12;
    private const int DeliveriesPerEvent = 3;
    private const double LateShare = 0.25;

    private sealed record Delivery(int Application, string EventId, byte[] Body, bool Late);

    [Fact]
    [Trait("Rule", "R5")]
    public async Task Every_webhook_three_times_shuffled_and_some_late_credits_each_application_once_and_reviews_every_extra()
    {
        var seed = Random.Shared.Next();
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        var kit = await PaymentTestKit.StartAsync();
        var clock = Stopwatch.StartNew();
        var scenarios = Enumerable.Range(0, Applications).Select(_ => new PipelineScenario(kit.Server)).ToList();
        var applicationIds = await Task.WhenAll(scenarios.Select(s => s.AwaitingPaymentAsync()));

        // Two payments of the full fee per application, each one event with a body fixed once: the provider redelivers
        // the same bytes (signed afresh each time, as providers do).
        var events = new List<(int Application, string EventId)>();
        var deliveries = new List<Delivery>();
        for (var i = 0; i < Applications; i++)
        {
            var request = (await kit.Requests.GetByApplicationAsync(applicationIds[i]))!.Request;
            for (var payment = 0; payment < 2; payment++)
            {
                var paid = PaymentTestKit.PaymentFor(request) with { Time = DateTimeOffset.UtcNow };
                var body = kit.Provider.Body(paid, paid.EventId!);
                events.Add((i, paid.EventId!));
                for (var copy = 0; copy < DeliveriesPerEvent; copy++)
                    deliveries.Add(new Delivery(i, paid.EventId!, body, random.NextDouble() < LateShare));
            }

            // Each application gets at least one delivery before the wait, or it would never be paid.
            var its = deliveries.Select((d, at) => (d, at)).Where(x => x.d.Application == i).ToList();
            if (its.All(x => x.d.Late))
            {
                var pick = its[random.Next(its.Count)].at;
                deliveries[pick] = deliveries[pick] with { Late = false };
            }
        }

        var answers = new ConcurrentBag<(Delivery Delivery, HttpStatusCode Status, string? Result)>();
        var early = Shuffled(deliveries.Where(d => !d.Late), random);
        var late = Shuffled(deliveries.Where(d => d.Late), random);
        output.WriteLine($"{deliveries.Count} deliveries: {early.Count} at once, then {late.Count} after every application is issued");

        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: {Applications} applications await payment");
        await DeliverAllAsync(kit, early, answers);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: early deliveries answered");
        var issued = await Task.WhenAll(scenarios.Select((s, i) => s.StatusBecomesAsync(applicationIds[i], "issued", TimeSpan.FromSeconds(120))));
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: all issued");
        await DeliverAllAsync(kit, late, answers);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: late deliveries answered");

        Assert.All(answers, a => Assert.True(a.Status == HttpStatusCode.OK, $"{a.Delivery.EventId}: {a.Status}"));
        var resultsByEvent = answers.GroupBy(a => a.Delivery.EventId).ToDictionary(g => g.Key, g => g.Select(a => a.Result!).ToList());
        // Per event: one delivery acted, the other two were acknowledged and changed nothing.
        Assert.All(resultsByEvent, e =>
        {
            Assert.Equal(DeliveriesPerEvent, e.Value.Count);
            Assert.Equal(DeliveriesPerEvent - 1, e.Value.Count(r => r == "duplicate"));
        });

        var visas = kit.Server.Services.GetRequiredService<VisaStore>();
        var expectedInReview = new Dictionary<string, string>();
        for (var i = 0; i < Applications; i++)
        {
            var acted = events.Where(e => e.Application == i)
                .Select(e => (e.EventId, Result: resultsByEvent[e.EventId].Single(r => r != "duplicate"))).ToList();
            var credited = Assert.Single(acted, a => a.Result == "credited");
            var extra = Assert.Single(acted, a => a.Result != "credited");
            Assert.Equal("in-review", extra.Result);
            expectedInReview[extra.EventId] = applicationIds[i];

            var record = (await kit.Requests.GetByApplicationAsync(applicationIds[i]))!;
            Assert.Equal(PaymentRequestState.Paid, record.State);
            Assert.Equal(credited.EventId, record.PaidByEventId);

            var visaNumber = issued[i].GetProperty("visaNumber").GetString()!;
            Assert.Equal(visaNumber, await visas.FindNumberForApplicationAsync(applicationIds[i], CancellationToken.None));
            Assert.Equal(1, await visas.CountPdfsAsync(VisaStore.BlobNameFor(visaNumber), CancellationToken.None));
            // Still issued, once, after the late deliveries.
            Assert.Equal(visaNumber, (await scenarios[i].StatusBecomesAsync(applicationIds[i], "issued")).GetProperty("visaNumber").GetString());
        }

        Assert.Equal(Applications, issued.Select(s => s.GetProperty("visaNumber").GetString()).Distinct().Count());

        // What an officer sees: every extra payment once, none of the credited ones.
        var ours = events.Select(e => e.EventId).ToHashSet();
        var reviews = (await ReviewQueueAsync(kit.Server.ClientFor($"officer-{Guid.NewGuid():N}", Role.Officer)))
            .Where(r => ours.Contains(r.GetProperty("eventId").GetString()!)).ToList();
        Assert.Equal(expectedInReview.Keys.Order(), reviews.Select(r => r.GetProperty("eventId").GetString()!).Order());
        Assert.All(reviews, r =>
        {
            Assert.Equal(expectedInReview[r.GetProperty("eventId").GetString()!], r.GetProperty("applicationId").GetString());
            Assert.Equal(PaymentReviewReasons.AlreadyPaid, r.GetProperty("reason").GetString());
        });
    }

    private static List<Delivery> Shuffled(IEnumerable<Delivery> deliveries, Random random)
    {
        var list = deliveries.ToList();
        random.Shuffle(CollectionsMarshal.AsSpan(list));
        return list;
    }

    /// <summary>
    /// Sends every delivery, 16 at a time. A 503 <c>event-in-progress</c> (another delivery of the same event still at
    /// work) is what a provider retries; so does this, until the event answers otherwise.
    /// </summary>
    private static Task DeliverAllAsync(PaymentTestKit kit, IReadOnlyList<Delivery> deliveries,
        ConcurrentBag<(Delivery, HttpStatusCode, string?)> answers) =>
        Parallel.ForEachAsync(deliveries, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (delivery, cancellationToken) =>
        {
            var response = await Eventually.ReturnsAsync(
                () => kit.Provider.SendRawAsync(delivery.Body, kit.Provider.Sign(delivery.Body), cancellationToken),
                r => r.StatusCode != HttpStatusCode.ServiceUnavailable, what: $"delivery of {delivery.EventId}");
            string? result = null;
            if (response.StatusCode == HttpStatusCode.OK)
                result = (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("result").GetString();
            answers.Add((delivery, response.StatusCode, result));
        });

    private static async Task<List<JsonElement>> ReviewQueueAsync(HttpClient officer)
    {
        var items = new List<JsonElement>();
        string? token = null;
        do
        {
            var page = await officer.GetFromJsonAsync<JsonElement>(
                "/api/payments/reviews?pageSize=100" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token)));
            items.AddRange(page.GetProperty("items").EnumerateArray());
            token = page.TryGetProperty("continuationToken", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (token is not null);
        return items;
    }
}
