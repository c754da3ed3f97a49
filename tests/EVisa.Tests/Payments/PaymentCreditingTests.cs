using System.Net;
using Azure.Data.Tables;
using EVisa.Core.Payments;
using EVisa.Core.Storage;
using EVisa.Tests.Foundation;
using Microsoft.Extensions.DependencyInjection;

namespace EVisa.Tests.Payments;

/// <summary>
/// Exactly-once crediting through the real webhook (R8: paid fees are never refunded, and a payment that cannot be
/// credited is queued for an officer, never dropped). The applications here have no orchestration, so the one credit
/// of each request lands in review as application-not-waiting; the pipeline's end-to-end test covers delivery.
/// </summary>
[Trait("Rule", "R8")]
public sealed class PaymentCreditingTests
{
    [Fact]
    public async Task A_payment_credits_its_request_and_a_credit_nobody_waits_for_goes_to_review()
    {
        var kit = await PaymentTestKit.StartAsync();
        var request = await kit.NewRequestAsync();
        var payment = PaymentTestKit.PaymentFor(request);

        Assert.Equal("in-review", await kit.PayAsync(payment));

        var stored = await kit.Requests.GetByApplicationAsync(request.ApplicationId);
        Assert.Equal(PaymentRequestState.Paid, stored!.State);
        Assert.Equal(payment.EventId, stored.PaidByEventId);
        var review = await kit.ReviewOfAsync(payment.EventId!);
        Assert.Equal(PaymentReviewReasons.ApplicationNotWaiting, review!.Reason);
        Assert.Equal(request.ApplicationId, review.ApplicationId);
    }

    [Fact]
    public async Task A_duplicate_event_id_is_acknowledged_and_changes_nothing()
    {
        var kit = await PaymentTestKit.StartAsync();
        var request = await kit.NewRequestAsync();
        var payment = PaymentTestKit.PaymentFor(request);
        await kit.PayAsync(payment);
        var before = await kit.Events.GetAsync(payment.EventId!);
        var requestBefore = await kit.Requests.GetAsync(request.PaymentReference);

        Assert.Equal("duplicate", await kit.PayAsync(payment));
        Assert.Equal("duplicate", await kit.PayAsync(payment with { AmountMinor = 1 }));

        Assert.Equal(before!.ETag, (await kit.Events.GetAsync(payment.EventId!))!.ETag);
        Assert.Equal(requestBefore!.ETag, (await kit.Requests.GetAsync(request.PaymentReference))!.ETag);
    }

    [Fact]
    public async Task The_same_payment_reported_three_times_at_once_is_credited_once()
    {
        var kit = await PaymentTestKit.StartAsync();
        var request = await kit.NewRequestAsync();
        var payments = Enumerable.Range(0, 3).Select(_ => PaymentTestKit.PaymentFor(request)).ToList();

        await Task.WhenAll(payments.Select(kit.PayAsync));

        var stored = await kit.Requests.GetByApplicationAsync(request.ApplicationId);
        Assert.Equal(PaymentRequestState.Paid, stored!.State);
        Assert.Contains(stored.PaidByEventId, payments.Select(p => p.EventId));
        var reasons = new List<string>();
        foreach (var payment in payments)
            reasons.Add((await kit.ReviewOfAsync(payment.EventId!))!.Reason);
        reasons.Sort(StringComparer.Ordinal);
        Assert.Equal([PaymentReviewReasons.AlreadyPaid, PaymentReviewReasons.AlreadyPaid, PaymentReviewReasons.ApplicationNotWaiting], reasons);
        Assert.Equal(PaymentReviewReasons.ApplicationNotWaiting, (await kit.ReviewOfAsync(stored.PaidByEventId!))!.Reason);
    }

    [Fact]
    public async Task One_event_delivered_three_times_at_once_is_handled_once()
    {
        var kit = await PaymentTestKit.StartAsync();
        var request = await kit.NewRequestAsync();
        var payment = PaymentTestKit.PaymentFor(request);

        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => kit.PayAsync(payment)));

        Assert.Equal(2, results.Count(r => r == "duplicate"));
        Assert.Single(results, r => r == "in-review");
        Assert.Equal(payment.EventId, (await kit.Requests.GetByApplicationAsync(request.ApplicationId))!.PaidByEventId);
        Assert.Equal(PaymentEventState.Reviewed, (await kit.Events.GetAsync(payment.EventId!))!.State);
    }

    public enum Mismatch
    {
        Amount,
        Currency,
        UnknownReference,
        RequestClosed,
    }

    [Theory]
    [InlineData(Mismatch.Amount, PaymentReviewReasons.AmountMismatch)]
    [InlineData(Mismatch.Currency, PaymentReviewReasons.CurrencyMismatch)]
    [InlineData(Mismatch.UnknownReference, PaymentReviewReasons.UnknownReference)]
    [InlineData(Mismatch.RequestClosed, PaymentReviewReasons.RequestClosed)]
    public async Task A_payment_that_cannot_be_credited_is_queued_for_review(Mismatch mismatch, string reason)
    {
        var kit = await PaymentTestKit.StartAsync();
        var request = await kit.NewRequestAsync();
        var payment = PaymentTestKit.PaymentFor(request);
        payment = mismatch switch
        {
            Mismatch.Amount => payment with { AmountMinor = request.AmountMinor - 1 },
            Mismatch.Currency => payment with { Currency = "KZT" },
            Mismatch.UnknownReference => payment with { PaymentReference = "PAY-NO-SUCH-REFERENCE" },
            _ => payment,
        };
        if (mismatch == Mismatch.RequestClosed)
            await kit.Requests.CloseAsync(new ClosePaymentRequestInput(request.ApplicationId, request.PaymentReference, "expired"));

        Assert.Equal("in-review", await kit.PayAsync(payment));

        var review = await kit.ReviewOfAsync(payment.EventId!);
        Assert.Equal(reason, review!.Reason);
        Assert.Equal(payment.AmountMinor, review.AmountMinor);
        Assert.Equal(payment.Currency, review.Currency);
        var stored = await kit.Requests.GetByApplicationAsync(request.ApplicationId);
        Assert.NotEqual(PaymentRequestState.Paid, stored!.State);
        Assert.Null(stored.PaidByEventId);
    }

    [Fact]
    public async Task A_second_payment_after_the_credit_is_queued_as_already_paid()
    {
        var kit = await PaymentTestKit.StartAsync();
        var request = await kit.NewRequestAsync();
        var first = PaymentTestKit.PaymentFor(request);
        var second = PaymentTestKit.PaymentFor(request);
        await kit.PayAsync(first);

        Assert.Equal("in-review", await kit.PayAsync(second));

        Assert.Equal(PaymentReviewReasons.AlreadyPaid, (await kit.ReviewOfAsync(second.EventId!))!.Reason);
        Assert.Equal(first.EventId, (await kit.Requests.GetByApplicationAsync(request.ApplicationId))!.PaidByEventId);
    }

    [Fact]
    public async Task A_failed_payment_is_noted_and_a_later_success_credits_the_request()
    {
        var kit = await PaymentTestKit.StartAsync();
        var request = await kit.NewRequestAsync();
        var failed = PaymentTestKit.PaymentFor(request) with { Outcome = PaymentOutcome.Failed };

        Assert.Equal("failure-recorded", await kit.PayAsync(failed));
        var afterFailure = await kit.Requests.GetByApplicationAsync(request.ApplicationId);
        Assert.Equal(PaymentRequestState.Awaiting, afterFailure!.State);
        Assert.Equal(failed.EventId, afterFailure.LastFailure!.EventId);
        Assert.Equal(afterFailure.LastFailure, afterFailure.OutstandingFailure);

        var succeeded = PaymentTestKit.PaymentFor(request);
        await kit.PayAsync(succeeded);

        var paid = await kit.Requests.GetByApplicationAsync(request.ApplicationId);
        Assert.Equal(PaymentRequestState.Paid, paid!.State);
        Assert.Equal(succeeded.EventId, paid.PaidByEventId);
        Assert.Null(paid.OutstandingFailure);
    }

    [Fact]
    public async Task An_older_failure_arriving_late_does_not_replace_a_newer_one()
    {
        var kit = await PaymentTestKit.StartAsync();
        var request = await kit.NewRequestAsync();
        var newer = PaymentTestKit.PaymentFor(request) with { Outcome = PaymentOutcome.Failed, Time = DateTimeOffset.UtcNow };
        var older = PaymentTestKit.PaymentFor(request) with { Outcome = PaymentOutcome.Failed, Time = DateTimeOffset.UtcNow.AddMinutes(-3) };

        await kit.PayAsync(newer);
        await kit.PayAsync(older);

        Assert.Equal(newer.EventId, (await kit.Requests.GetByApplicationAsync(request.ApplicationId))!.LastFailure!.EventId);
    }

    [Fact]
    public async Task ClosePaymentRequest_after_a_credit_answers_AlreadyPaid()
    {
        var kit = await PaymentTestKit.StartAsync();
        var request = await kit.NewRequestAsync();
        await kit.PayAsync(PaymentTestKit.PaymentFor(request));

        var closing = await kit.Requests.CloseAsync(new ClosePaymentRequestInput(request.ApplicationId, request.PaymentReference, "expired"));

        Assert.Equal(PaymentRequestClosing.AlreadyPaid, closing);
        Assert.Equal(PaymentRequestState.Paid, (await kit.Requests.GetByApplicationAsync(request.ApplicationId))!.State);
    }

    [Fact]
    public async Task A_credit_left_undelivered_by_a_crash_is_resumed_by_the_provider_s_retry()
    {
        var kit = await PaymentTestKit.StartAsync();
        var request = await kit.NewRequestAsync();
        var payment = PaymentTestKit.PaymentFor(request);
        // What a crash right after the credit leaves behind: the request paid, the event credited, nothing raised.
        var crashedAt = DateTimeOffset.UtcNow - PaymentCrediting.Lease - TimeSpan.FromSeconds(5);
        var recorded = new PaymentEvent(payment.EventId!, request.PaymentReference, request.AmountMinor, request.Currency,
            PaymentOutcome.Succeeded, crashedAt);
        await kit.Events.RecordAsync(recorded, crashedAt);
        await kit.Events.SetStateAsync(recorded.EventId, PaymentEventState.Credited, request.ApplicationId);
        var read = await kit.Requests.GetAsync(request.PaymentReference);
        Assert.True(await kit.Requests.TryMarkPaidAsync(request.PaymentReference, recorded.EventId, crashedAt, read!.ETag));

        Assert.Equal("in-review", await kit.PayAsync(payment));

        Assert.Equal(PaymentEventState.Reviewed, (await kit.Events.GetAsync(recorded.EventId))!.State);
        Assert.Equal(PaymentReviewReasons.ApplicationNotWaiting, (await kit.ReviewOfAsync(recorded.EventId))!.Reason);
    }

    [Fact]
    public async Task An_event_recorded_but_never_acted_on_is_resumed_by_the_provider_s_retry()
    {
        var kit = await PaymentTestKit.StartAsync();
        var request = await kit.NewRequestAsync();
        var payment = PaymentTestKit.PaymentFor(request);
        var crashedAt = DateTimeOffset.UtcNow - PaymentCrediting.Lease - TimeSpan.FromSeconds(5);
        await kit.Events.RecordAsync(new PaymentEvent(payment.EventId!, request.PaymentReference, request.AmountMinor, request.Currency,
            PaymentOutcome.Succeeded, crashedAt), crashedAt);

        await kit.PayAsync(payment);

        Assert.Equal(payment.EventId, (await kit.Requests.GetByApplicationAsync(request.ApplicationId))!.PaidByEventId);
    }

    [Fact]
    public async Task A_failure_reported_after_the_credit_changes_nothing()
    {
        var kit = await PaymentTestKit.StartAsync();
        var request = await kit.NewRequestAsync();
        var succeeded = PaymentTestKit.PaymentFor(request);
        await kit.PayAsync(succeeded);
        var before = await kit.Requests.GetAsync(request.PaymentReference);

        Assert.Equal("failure-recorded", await kit.PayAsync(PaymentTestKit.PaymentFor(request) with { Outcome = PaymentOutcome.Failed }));

        var after = await kit.Requests.GetAsync(request.PaymentReference);
        Assert.Equal(before!.ETag, after!.ETag);
        Assert.Equal(succeeded.EventId, after.Record.PaidByEventId);
    }

    [Fact]
    public async Task A_repeat_while_the_first_delivery_is_still_at_work_is_not_acknowledged()
    {
        // Acknowledging it with 200 would let the provider stop retrying while the first handler might still crash.
        var kit = await PaymentTestKit.StartAsync();
        var request = await kit.NewRequestAsync();
        var payment = PaymentTestKit.PaymentFor(request);
        await kit.Events.RecordAsync(new PaymentEvent(payment.EventId!, request.PaymentReference, request.AmountMinor, request.Currency,
            PaymentOutcome.Succeeded, DateTimeOffset.UtcNow), DateTimeOffset.UtcNow);

        var response = await kit.Provider.SendAsync(payment);

        await TokenTests.AssertProblemAsync(response, HttpStatusCode.ServiceUnavailable, "event-in-progress");
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal(PaymentRequestState.Awaiting, (await kit.Requests.GetByApplicationAsync(request.ApplicationId))!.State);
    }

    [Fact]
    public async Task Webhook_logs_name_ids_not_people()
    {
        // The webhook body carries no personal data by design; this pins that the event table holds ids, amounts and times only.
        var kit = await PaymentTestKit.StartAsync();
        var request = await kit.NewRequestAsync();
        var payment = PaymentTestKit.PaymentFor(request);
        await kit.PayAsync(payment);

        var table = await kit.Server.Services.GetRequiredService<StorageTables>().GetAsync(PaymentTables.PaymentEvents);
        var entity = (await table.GetEntityAsync<TableEntity>(payment.EventId!, "")).Value;
        Assert.Equal(
            ["AmountMinor", "ApplicationId", "ClaimedAt", "Currency", "OccurredAt", "Outcome", "PaymentReference", "ReceivedAt", "ReviewReason", "State"],
            entity.Keys.Where(k => k is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")).Order(StringComparer.Ordinal));
    }
}
