using System.Net.Http.Headers;
using System.Text.Json;
using EVisa.Core.Payments;

namespace EVisa.DevServer.Payments;

/// <summary>A payment as the simulated provider reports it.</summary>
public sealed record SimulatedPayment(
    string PaymentReference,
    long AmountMinor,
    string Currency,
    PaymentOutcome Outcome = PaymentOutcome.Succeeded,
    string? EventId = null,
    DateTimeOffset? Time = null);

/// <summary>
/// Plays the payment provider for local runs and tests: builds the webhook body and signs it exactly as the provider
/// does (<see cref="PaymentWebhookSignature"/>), then posts it. Not used by the service itself, and not deployed: it
/// lives in the DevServer, which the tests, the load bench and the simulator tool reference.
/// </summary>
public sealed class PaymentProviderSimulator(HttpClient http, string secret, TimeProvider? clock = null)
{
    /// <summary>
    /// The development webhook secret, also in the DevServer's appsettings.Development.json and the tests' settings.
    /// Never configure it outside Development; the deployed app has no default and refuses webhooks without a secret.
    /// </summary>
    public const string DevelopmentSecret = "whsec_development_only_evisa_local_payment_webhook";

    public const string WebhookPath = "/api/payments/webhook";

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>A fresh provider event id, as the provider would assign one per event.</summary>
    public static string NewEventId() => $"evt_{Guid.NewGuid():N}";

    /// <summary>The JSON body the provider sends for <paramref name="payment"/>, with its event id.</summary>
    public byte[] Body(SimulatedPayment payment, string eventId) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        eventId,
        paymentReference = payment.PaymentReference,
        amount = payment.AmountMinor,
        currency = payment.Currency,
        outcome = payment.Outcome.OutcomeName(),
        time = payment.Time ?? _clock.GetUtcNow(),
    });

    /// <summary>The <c>Payment-Signature</c> header value for <paramref name="body"/>, signed now (or at <paramref name="signedAt"/>).</summary>
    public string Sign(byte[] body, DateTimeOffset? signedAt = null) =>
        PaymentWebhookSignature.Create(secret, (signedAt ?? _clock.GetUtcNow()).ToUnixTimeSeconds(), body);

    /// <summary>Reports <paramref name="payment"/> to the webhook, signed; the event id is the payment's or a new one.</summary>
    public Task<HttpResponseMessage> SendAsync(SimulatedPayment payment, CancellationToken cancellationToken = default)
    {
        var body = Body(payment, payment.EventId ?? NewEventId());
        return SendRawAsync(body, Sign(body), cancellationToken);
    }

    /// <summary>Posts any body with any signature header (or none), to exercise the webhook's refusals.</summary>
    public async Task<HttpResponseMessage> SendRawAsync(byte[] body, string? signature, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, WebhookPath) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (signature is not null)
            request.Headers.TryAddWithoutValidation(PaymentWebhookSignature.HeaderName, signature);
        return await http.SendAsync(request, cancellationToken);
    }
}
