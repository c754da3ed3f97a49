using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using EVisa.Core.Api;
using EVisa.Core.Payments;
using EVisa.DevServer.Functions;
using Microsoft.Extensions.Options;

namespace EVisa.DevServer.Payments;

/// <summary>
/// The payment provider's hosted payment page, simulated for Development (404 elsewhere: it is mapped only there, and
/// it is not a function, so Azure never serves it). The portal's checkout sends the applicant here; Pay and Decline
/// post the provider's signed webhook (<see cref="PaymentProviderSimulator"/>, the same signing the real provider
/// uses) to this server's <c>/api/payments/webhook</c>, Cancel posts nothing; each then sends the browser back to the
/// return address with a 303, as a provider does.
/// </summary>
public static partial class SimulatedPaymentProviderPage
{
    /// <summary>Development-only pages live under this prefix, outside the portal's pages.</summary>
    public const string DevelopmentPrefix = "/dev";

    public const string Route = DevelopmentPrefix + "/payment-provider/checkout";

    /// <summary>The value of <c>PaymentProvider:CheckoutUrl</c> that points the checkout here.</summary>
    public const string CheckoutUrl = Route;

    public static void MapSimulatedPaymentProvider(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Route, context =>
        {
            var checkout = Read(context, context.Request.Query["reference"], context.Request.Query["amount"],
                context.Request.Query["currency"], context.Request.Query["returnUrl"]);
            return checkout is null ? BadRequestAsync(context) : PageAsync(context, checkout);
        });
        endpoints.MapPost(Route, async context =>
        {
            if (!context.Request.HasFormContentType)
            {
                await BadRequestAsync(context);
                return;
            }

            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var checkout = Read(context, form["reference"], form["amount"], form["currency"], form["returnUrl"]);
            string action = form["action"].ToString();
            if (checkout is null || action is not ("pay" or "decline" or "cancel"))
            {
                await BadRequestAsync(context);
                return;
            }

            if (action != "cancel")
            {
                var outcome = action == "pay" ? PaymentOutcome.Succeeded : PaymentOutcome.Failed;
                var delivered = await ReportAsync(context, checkout, outcome);
                if (delivered != HttpStatusCode.OK)
                {
                    context.Response.StatusCode = StatusCodes.Status502BadGateway;
                    await WriteHtmlAsync(context, "Simulated payment provider — development only",
                        $"<p>The webhook answered {(int)delivered}; see the DevServer's log.</p>");
                    return;
                }
            }

            context.Response.StatusCode = StatusCodes.Status303SeeOther;
            context.Response.Headers.Location = checkout.ReturnUrl.AbsoluteUri;
        });
    }

    private sealed record Checkout(string Reference, long AmountMinor, string Currency, Uri ReturnUrl);

    /// <summary>The checkout's parameters, or null when any is missing or the return address is not on this server.</summary>
    private static Checkout? Read(HttpContext context, string? reference, string? amount, string? currency, string? returnUrl)
    {
        var origin = $"{context.Request.Scheme}://{context.Request.Host.ToUriComponent()}";
        if (reference is null || !ReferencePattern().IsMatch(reference)
            || !long.TryParse(amount, NumberStyles.None, CultureInfo.InvariantCulture, out var minor) || minor <= 0
            || currency is null || !CurrencyPattern().IsMatch(currency)
            || !Uri.TryCreate(returnUrl, UriKind.Absolute, out var back)
            || !string.Equals(back.GetLeftPart(UriPartial.Authority), origin, StringComparison.OrdinalIgnoreCase)
            || ReturnPath.Resolve(origin, back.PathAndQuery) is null)
        {
            return null;
        }

        return new Checkout(reference, minor, currency, back);
    }

    /// <summary>Posts the signed event to this server's webhook, exactly as the provider would.</summary>
    private static async Task<HttpStatusCode> ReportAsync(HttpContext context, Checkout checkout, PaymentOutcome outcome)
    {
        var services = context.RequestServices;
        var secret = services.GetRequiredService<IOptions<PaymentWebhookOptions>>().Value.Secrets.FirstOrDefault(s => s.Length > 0)
            ?? throw new InvalidOperationException("No PaymentWebhook:Secrets:0 is configured to sign the simulated webhook.");
        using var http = services.GetRequiredService<IHttpClientFactory>().CreateClient();
        http.BaseAddress = new Uri($"{context.Request.Scheme}://{context.Request.Host.ToUriComponent()}");
        var provider = new PaymentProviderSimulator(http, secret, services.GetRequiredService<TimeProvider>());
        using var answer = await provider.SendAsync(
            new SimulatedPayment(checkout.Reference, checkout.AmountMinor, checkout.Currency, outcome), context.RequestAborted);
        services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SimulatedPaymentProviderPage))
            .LogInformation("Simulated provider: {Outcome} payment for {PaymentReference}; the webhook answered {Status}",
                outcome.OutcomeName(), checkout.Reference, (int)answer.StatusCode);
        return answer.IsSuccessStatusCode ? HttpStatusCode.OK : answer.StatusCode;
    }

    private static Task PageAsync(HttpContext context, Checkout checkout)
    {
        static string E(string text) => WebUtility.HtmlEncode(text);
        var amount = (checkout.AmountMinor / 100m).ToString("0.00", CultureInfo.InvariantCulture);
        var hidden = new StringBuilder();
        foreach (var (name, value) in new[]
                 {
                     ("reference", checkout.Reference),
                     ("amount", checkout.AmountMinor.ToString(CultureInfo.InvariantCulture)),
                     ("currency", checkout.Currency),
                     ("returnUrl", checkout.ReturnUrl.AbsoluteUri),
                 })
        {
            hidden.Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"{name}\" value=\"{E(value)}\">");
        }

        return WriteHtmlAsync(context, "Simulated payment provider — development only",
            $"""
             <p><strong>This is not a real payment page.</strong> The DevServer plays the payment provider; no money moves.</p>
             <dl>
             <dt>Payment reference</dt><dd>{E(checkout.Reference)}</dd>
             <dt>Amount</dt><dd>{E(amount)} {E(checkout.Currency)}</dd>
             </dl>
             <form method="post" action="{Route}">
             {hidden}
             <button type="submit" name="action" value="pay">Pay</button>
             <button type="submit" name="action" value="decline">Decline</button>
             <button type="submit" name="action" value="cancel">Cancel</button>
             </form>
             """);
    }

    private static async Task WriteHtmlAsync(HttpContext context, string title, string body)
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(
            $"""
             <!doctype html>
             <html lang="en">
             <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title></head>
             <body><main><h1>{title}</h1>
             {body}
             </main></body>
             </html>
             """, context.RequestAborted);
    }

    private static Task BadRequestAsync(HttpContext context) =>
        Problems.Create(StatusCodes.Status400BadRequest, "invalid-checkout",
            "The checkout needs a payment reference, an amount, a currency and a return address on this site.")
            .ExecuteAsync(context);

    [GeneratedRegex("^PAY-[0-9A-F]{20}$")]
    private static partial Regex ReferencePattern();

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyPattern();
}
