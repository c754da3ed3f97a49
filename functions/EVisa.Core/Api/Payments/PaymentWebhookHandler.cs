using EVisa.Core.Payments;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EVisa.Core.Api.Payments;

/// <summary>
/// <c>POST /api/payments/webhook</c>, the payment provider's report that a fee was paid or failed. No bearer token:
/// the signature over the raw body is the only authentication (DESIGN.md, "Identity and access"), so the body is
/// bounded, then verified byte for byte, and only then parsed. Anything unauthenticated changes nothing.
/// </summary>
public sealed class PaymentWebhookHandler
{
    private readonly PaymentWebhookOptions _options;
    private readonly IReadOnlyList<string> _secrets;
    private readonly PaymentCrediting _crediting;
    private readonly TimeProvider _clock;
    private readonly ILogger<PaymentWebhookHandler> _logger;

    public PaymentWebhookHandler(IOptions<PaymentWebhookOptions> options, PaymentCrediting crediting, TimeProvider clock,
        ILogger<PaymentWebhookHandler> logger)
    {
        _options = options.Value;
        _secrets = _options.Secrets.Where(s => !string.IsNullOrEmpty(s)).ToList();
        // Fail loudly (500, so the provider keeps retrying and no payment is lost) rather than refuse every payment as 401.
        if (_secrets.Count == 0)
            throw new InvalidOperationException($"Set {PaymentWebhookOptions.SectionName}:Secrets:0 to the payment provider's webhook secret.");
        _crediting = crediting;
        _clock = clock;
        _logger = logger;
    }

    public async Task<IActionResult> HandleAsync(HttpRequest request, DurableTaskClient client)
    {
        if (await RequestBodies.ReadBoundedAsync(request, _options.MaxBodyBytes) is not { } body)
            return TooLarge();

        var check = PaymentWebhookSignature.Verify(request.Headers[PaymentWebhookSignature.HeaderName].ToString(), body, _secrets,
            _clock.GetUtcNow(), _options.Tolerance);
        if (check != SignatureCheck.Valid)
        {
            _logger.LogWarning("Payment webhook refused: signature {SignatureCheck}", check);
            return Problems.Create(StatusCodes.Status401Unauthorized, "invalid-signature",
                "The payment signature is missing or not valid.", Describe(check));
        }

        var (paymentEvent, errors) = PaymentEventReader.Read(body);
        if (paymentEvent is null)
        {
            _logger.LogWarning("Payment webhook: a signed body that is not a valid event ({Fields})", string.Join(", ", errors.Keys));
            return Problems.Validation(errors);
        }

        return Answer(request, paymentEvent.EventId, await _crediting.HandleAsync(paymentEvent, client));
    }

    /// <summary>The provider's answer to what crediting did: acknowledged (200), or not yet (503, try again).</summary>
    private static IActionResult Answer(HttpRequest request, string eventId, PaymentEventResult result)
    {
        if (result != PaymentEventResult.InProgress)
            return new OkObjectResult(new { EventId = eventId, Result = result });
        request.HttpContext.Response.Headers.RetryAfter = "30";
        return Problems.Create(StatusCodes.Status503ServiceUnavailable, "event-in-progress",
            "Another delivery of this event is being handled; try again.");
    }

    private static ObjectResult TooLarge() =>
        Problems.Create(StatusCodes.Status413PayloadTooLarge, "body-too-large", "The webhook body is too large.");

    private static string Describe(SignatureCheck check) => check switch
    {
        SignatureCheck.Missing => $"The {PaymentWebhookSignature.HeaderName} header is missing.",
        SignatureCheck.Malformed => $"The {PaymentWebhookSignature.HeaderName} header is not of the form t=<unix seconds>,v1=<hex>.",
        SignatureCheck.OutsideTolerance => "The signature's timestamp is too far from the current time.",
        _ => "The signature does not match the body.",
    };
}
