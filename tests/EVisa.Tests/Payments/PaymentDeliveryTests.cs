using System.Text.Json;
using EVisa.Core.Payments;
using EVisa.Core.Workflow;
using EVisa.Tests.Pipeline;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace EVisa.Tests.Payments;

/// <summary>The credit reaches a waiting orchestration, and what the durable runtime does when none waits.</summary>
[Trait("Rule", "R8")]
public sealed class PaymentDeliveryTests
{
    [Fact]
    [Trait("Rule", "R5")]
    public async Task A_credit_reaches_the_application_waiting_for_it_which_goes_on_to_issued()
    {
        var kit = await PaymentTestKit.StartAsync();
        var scenario = new PipelineScenario(kit.Server);
        var applicationId = await scenario.AwaitingPaymentAsync();
        var request = (await kit.Requests.GetByApplicationAsync(applicationId))!.Request;
        var payment = PaymentTestKit.PaymentFor(request);

        Assert.Equal("credited", await kit.PayAsync(payment));

        var recorded = await kit.Events.GetAsync(payment.EventId!);
        Assert.Equal(PaymentEventState.Delivered, recorded!.State);
        Assert.Equal(applicationId, recorded.ApplicationId);
        Assert.Null(await kit.ReviewOfAsync(payment.EventId!));
        await scenario.StatusBecomesAsync(applicationId, "issued");

        // The provider delivers it again: acknowledged, nothing changes, and a second payment goes to review (R8).
        Assert.Equal("duplicate", await kit.PayAsync(payment));
        var second = PaymentTestKit.PaymentFor(request);
        await kit.PayAsync(second);
        Assert.NotNull(await kit.ReviewOfAsync(second.EventId!));
    }

    [Fact]
    [Trait("Rule", "R5")]
    public async Task A_failed_payment_shows_in_the_status_and_the_application_still_awaits_payment()
    {
        var kit = await PaymentTestKit.StartAsync();
        var scenario = new PipelineScenario(kit.Server);
        var applicationId = await scenario.AwaitingPaymentAsync();
        var request = (await kit.Requests.GetByApplicationAsync(applicationId))!.Request;

        Assert.Equal("failure-recorded", await kit.PayAsync(PaymentTestKit.PaymentFor(request) with { Outcome = PaymentOutcome.Failed }));

        var status = await scenario.StatusAsync(applicationId);
        Assert.Equal("awaiting-payment", status.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.String, status.GetProperty("payment").GetProperty("lastFailedAt").ValueKind);

        Assert.Equal("credited", await kit.PayAsync(PaymentTestKit.PaymentFor(request)));
        await scenario.StatusBecomesAsync(applicationId, "issued");
    }

    [Fact]
    public async Task The_runtime_accepts_an_event_for_a_missing_instance_without_error_so_the_webhook_checks_first()
    {
        // Pins the behaviour PaymentCrediting guards against: RaiseEventAsync does not fail for an instance that does
        // not exist (the event is dropped), so a credit would be lost silently without the check before it.
        var kit = await PaymentTestKit.StartAsync();
        var client = kit.Server.Services.GetRequiredService<DurableTaskClient>();
        var missing = $"app-{Guid.NewGuid():N}";

        await client.RaiseAsync(new PaymentCredited(missing, "evt-x", "PAY-X", 8000, "USD", DateTimeOffset.UtcNow));

        Assert.Null(await client.GetInstanceAsync(missing));
    }
}
