using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EVisa.Core.Payments;
using EVisa.DevServer;
using EVisa.DevServer.Payments;
using EVisa.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EVisa.Tests.Payments;

/// <summary>
/// What the payment tests share: the shared DevServer, a provider simulator signing with the development secret, and
/// payment requests made as the RequestPayment activity makes them, for application ids that have no orchestration
/// (the orchestration belongs to the pipeline; a credit it cannot hear goes to review, which the tests assert).
/// </summary>
public sealed class PaymentTestKit
{
    private PaymentTestKit(DevServerHost server, string secret)
    {
        Server = server;
        Provider = new PaymentProviderSimulator(server.Client(), secret);
    }

    public DevServerHost Server { get; }

    public PaymentProviderSimulator Provider { get; }

    public PaymentRequestStore Requests => Server.Services.GetRequiredService<PaymentRequestStore>();

    public PaymentEventStore Events => Server.Services.GetRequiredService<PaymentEventStore>();

    public PaymentReviewStore Reviews => Server.Services.GetRequiredService<PaymentReviewStore>();

    public static async Task<PaymentTestKit> StartAsync(string secret = PaymentProviderSimulator.DevelopmentSecret) =>
        new(await TestServers.SharedAsync(), secret);

    /// <summary>A payment request for a new application id (tourist, DEU: 8000 USD by the default fee table).</summary>
    public Task<PaymentRequest> NewRequestAsync() =>
        Requests.RequestAsync(new PaymentRequestInput($"app-{Guid.NewGuid():N}", "tourist", "DEU"));

    public static SimulatedPayment PaymentFor(PaymentRequest request, string? eventId = null) =>
        new(request.PaymentReference, request.AmountMinor, request.Currency, EventId: eventId ?? PaymentProviderSimulator.NewEventId());

    /// <summary>Posts the payment and returns the webhook's <c>result</c>, asserting a 200.</summary>
    public async Task<string> PayAsync(SimulatedPayment payment)
    {
        var response = await Provider.SendAsync(payment);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(payment.EventId, body.GetProperty("eventId").GetString());
        return body.GetProperty("result").GetString()!;
    }

    public async Task<PaymentReview?> ReviewOfAsync(string eventId)
    {
        var recorded = await Events.GetAsync(eventId);
        return recorded is null ? null : await Reviews.GetAsync(eventId, recorded.ReceivedAt);
    }
}
