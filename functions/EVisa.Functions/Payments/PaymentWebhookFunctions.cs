using EVisa.Core.Api.Payments;
using EVisa.Core.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace EVisa.Functions.Payments;

public sealed class PaymentWebhookFunctions(PaymentWebhookHandler webhook)
{
    // Anonymous at the host: the handler authenticates the provider by the body's signature alone.
    [Function("PaymentWebhook")]
    [SignedByPaymentProvider]
    public Task<IActionResult> Webhook(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "payments/webhook")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        webhook.HandleAsync(request, client);
}
