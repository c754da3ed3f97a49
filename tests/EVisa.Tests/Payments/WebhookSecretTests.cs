using System.Net;
using System.Text;
using EVisa.Core.Api.Payments;
using EVisa.Core.Payments;
using EVisa.DevServer.Payments;
using EVisa.Functions.Payments;
using EVisa.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EVisa.Tests.Payments;

/// <summary>
/// The payment provider's simulator and its development secret live in the DevServer only: the assemblies that deploy
/// (EVisa.Core, EVisa.Functions) carry neither, and a service with no configured secret refuses every webhook rather than
/// falling back to a known one.
/// </summary>
[Trait("Rule", "R8")]
public sealed class WebhookSecretTests
{
    [Fact]
    public void The_deployed_assemblies_carry_no_simulator_and_no_development_secret()
    {
        foreach (var assembly in new[] { typeof(PaymentWebhookHandler).Assembly, typeof(PaymentWebhookFunctions).Assembly })
        {
            Assert.DoesNotContain(assembly.GetTypes(), type => type.Name.Contains("Simulat", StringComparison.Ordinal));
            var bytes = File.ReadAllBytes(assembly.Location);
            // String literals sit in the metadata as UTF-16; embedded files (settings, templates) as UTF-8.
            Assert.False(Contains(bytes, Encoding.Unicode.GetBytes(PaymentProviderSimulator.DevelopmentSecret)), assembly.GetName().Name);
            Assert.False(Contains(bytes, Encoding.UTF8.GetBytes(PaymentProviderSimulator.DevelopmentSecret)), assembly.GetName().Name);
        }
    }

    [Fact]
    public async Task Without_a_configured_secret_every_webhook_is_refused_and_nothing_is_recorded()
    {
        await using var server = await TestServers.StartAsync(TestServers.UniqueHub("nosecret"), new CapturedLogs(),
            environment: "Production", settings: new Dictionary<string, string?>
            {
                ["PaymentWebhook:Secrets:0"] = "",
                ["PaymentWebhook:Secrets:1"] = "",
            });
        // Signed with the development secret a careless deployment might have fallen back to.
        var provider = new PaymentProviderSimulator(server.Client(), PaymentProviderSimulator.DevelopmentSecret);
        var eventId = PaymentProviderSimulator.NewEventId();

        using var answer = await provider.SendAsync(new SimulatedPayment("PAY-0123456789ABCDEF0123", 8000, "USD", EventId: eventId));

        // A server error, not 401: the provider keeps retrying until the secret is configured, so no payment is lost.
        Assert.Equal(HttpStatusCode.InternalServerError, answer.StatusCode);
        Assert.DoesNotContain(PaymentProviderSimulator.DevelopmentSecret, await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await server.Services.GetRequiredService<PaymentEventStore>().GetAsync(eventId));
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
