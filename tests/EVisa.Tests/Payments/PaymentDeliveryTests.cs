using EVisa.Core.Payments;
using EVisa.Core.Workflow;
using EVisa.Tests.Infrastructure;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace EVisa.Tests.Payments;

/// <summary>The credit reaches a waiting orchestration, and what the durable runtime does when none waits.</summary>
[Trait("Rule", "R8")]
public sealed class PaymentDeliveryTests
{
    [Fact]
    public async Task A_credit_is_raised_to_the_application_s_running_orchestration()
    {
        var kit = await PaymentTestKit.StartAsync();
        var client = kit.Server.Services.GetRequiredService<DurableTaskClient>();
        var request = await kit.NewRequestAsync();
        // Any running instance with the application's id will do; the pipeline's own test covers the payment wait.
        await client.ScheduleNewOrchestrationInstanceAsync(ApplicationWorkflow.OrchestratorName,
            new ApplicationWorkflowInput(request.ApplicationId, "applicant-1", TimeSpan.FromHours(1)),
            new StartOrchestrationOptions(request.ApplicationId));
        await Eventually.ReturnsAsync(() => client.GetInstanceAsync(request.ApplicationId),
            instance => instance?.RuntimeStatus == OrchestrationRuntimeStatus.Running, what: "orchestration running");
        var payment = PaymentTestKit.PaymentFor(request);

        Assert.Equal("credited", await kit.PayAsync(payment));

        var recorded = await kit.Events.GetAsync(payment.EventId!);
        Assert.Equal(PaymentEventState.Delivered, recorded!.State);
        Assert.Equal(request.ApplicationId, recorded.ApplicationId);
        Assert.Null(await kit.ReviewOfAsync(payment.EventId!));
        Assert.Equal("duplicate", await kit.PayAsync(payment));
        await client.TerminateInstanceAsync(request.ApplicationId);
    }

    [Fact]
    public async Task The_runtime_accepts_an_event_for_a_missing_instance_without_error_so_the_webhook_checks_first()
    {
        // Pins the behaviour PaymentCrediting guards against: RaiseEventAsync does not fail for an instance that does
        // not exist (the event is dropped), so a credit would be lost silently without the check before it.
        var kit = await PaymentTestKit.StartAsync();
        var client = kit.Server.Services.GetRequiredService<DurableTaskClient>();
        var missing = $"app-{Guid.NewGuid():N}";

        await client.RaiseEventAsync(missing, PaymentWorkflow.PaymentCreditedEvent,
            new PaymentCredited("evt-x", "PAY-X", 8000, "USD", DateTimeOffset.UtcNow));

        Assert.Null(await client.GetInstanceAsync(missing));
    }
}
