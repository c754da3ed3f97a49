using EVisa.Core.Payments;
using EVisa.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EVisa.Tests.Payments;

/// <summary>The RequestPayment and ClosePaymentRequest activities' logic, on the shared Azurite.</summary>
[Trait("Rule", "R5")]
public sealed class PaymentRequestTests
{
    [Fact]
    public async Task A_request_asks_the_fee_from_the_table_and_a_retry_returns_the_same_request()
    {
        var store = await StoreAsync();
        var applicationId = $"app-{Guid.NewGuid():N}";

        var first = await store.RequestAsync(new PaymentRequestInput(applicationId, "tourist", "DEU"));
        var retried = await store.RequestAsync(new PaymentRequestInput(applicationId, "tourist", "DEU"));

        Assert.Equal(first, retried);
        Assert.Equal(8000, first.AmountMinor);
        Assert.Equal("USD", first.Currency);
        Assert.StartsWith("PAY-", first.PaymentReference, StringComparison.Ordinal);
        Assert.NotEqual(first.PaymentReference, PaymentRequestStore.ReferenceFor($"app-{Guid.NewGuid():N}"));
        var stored = await store.GetByApplicationAsync(applicationId);
        Assert.Equal(PaymentRequestState.Awaiting, stored!.State);
        Assert.Null(stored.LastFailure);
    }

    [Fact]
    public async Task Closing_an_awaiting_request_closes_it_once()
    {
        var store = await StoreAsync();
        var request = await store.RequestAsync(new PaymentRequestInput($"app-{Guid.NewGuid():N}", "business", "FRA"));

        var closing = await store.CloseAsync(new ClosePaymentRequestInput(request.ApplicationId, request.PaymentReference, "expired"));
        var again = await store.CloseAsync(new ClosePaymentRequestInput(request.ApplicationId, request.PaymentReference, "expired"));

        Assert.Equal(PaymentRequestClosing.Closed, closing);
        Assert.Equal(PaymentRequestClosing.Closed, again);
        var stored = await store.GetByApplicationAsync(request.ApplicationId);
        Assert.Equal(PaymentRequestState.Closed, stored!.State);
        Assert.Equal("expired", stored.ClosedReason);
    }

    [Fact]
    [Trait("Rule", "R8")]
    public async Task Closing_a_paid_request_answers_AlreadyPaid_and_leaves_it_paid()
    {
        var store = await StoreAsync();
        var request = await store.RequestAsync(new PaymentRequestInput($"app-{Guid.NewGuid():N}", "medical", "ITA"));
        var stored = await store.GetAsync(request.PaymentReference);
        Assert.True(await store.TryMarkPaidAsync(request.PaymentReference, "evt-1", DateTimeOffset.UtcNow, stored!.ETag));

        var closing = await store.CloseAsync(new ClosePaymentRequestInput(request.ApplicationId, request.PaymentReference, "cancelled"));

        Assert.Equal(PaymentRequestClosing.AlreadyPaid, closing);
        Assert.Equal(PaymentRequestState.Paid, (await store.GetByApplicationAsync(request.ApplicationId))!.State);
    }

    [Fact]
    public async Task A_stale_etag_loses_the_conditional_update()
    {
        var store = await StoreAsync();
        var request = await store.RequestAsync(new PaymentRequestInput($"app-{Guid.NewGuid():N}", "tourist", "JPN"));
        var read = await store.GetAsync(request.PaymentReference);

        Assert.Equal(PaymentRequestClosing.Closed,
            await store.CloseAsync(new ClosePaymentRequestInput(request.ApplicationId, request.PaymentReference, "expired")));

        Assert.False(await store.TryMarkPaidAsync(request.PaymentReference, "evt-late", DateTimeOffset.UtcNow, read!.ETag));
        Assert.Equal(PaymentRequestState.Closed, (await store.GetByApplicationAsync(request.ApplicationId))!.State);
    }

    private static async Task<PaymentRequestStore> StoreAsync() =>
        (await TestServers.SharedAsync()).Services.GetRequiredService<PaymentRequestStore>();
}
