using EVisa.Core.Storage;
using EVisa.Core.Workflow;
using EVisa.Tests.Infrastructure;
using EVisa.Tests.Pipeline;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace EVisa.Tests.Foundation;

/// <summary>Durable state lives in storage: an orchestration waiting for its event outlives the DevServer that started it.</summary>
public sealed class DevServerRestartTests
{
    [Fact]
    public async Task An_orchestration_waiting_for_its_event_completes_in_a_new_DevServer_without_rerunning_its_activity()
    {
        var hub = TestServers.UniqueHub("restart");
        var logs = new CapturedLogs();
        string applicationId;

        await using (var first = await TestServers.StartAsync(hub, logs))
        {
            var scenario = new PipelineScenario(first);
            applicationId = await scenario.ApplyAsync();
            Assert.Equal(ApplicationStatus.AwaitingConfirmation,
                (await first.Services.GetRequiredService<ApplicationStatusStore>().GetAsync(applicationId))?.Status);
            // The submission recorded the status before the orchestration's first step: wait until it runs and waits.
            await Eventually.ReturnsAsync(
                () => first.Services.GetRequiredService<DurableTaskClient>().GetInstanceAsync(applicationId, getInputsAndOutputs: false),
                instance => instance?.RuntimeStatus == OrchestrationRuntimeStatus.Running, what: "orchestration waiting for confirmation");
        }

        await using var second = await TestServers.StartAsync(hub, logs);
        var secondClient = second.Services.GetRequiredService<DurableTaskClient>();
        await secondClient.RaiseAsync(new ApplicantConfirmed(applicationId));
        // The first DevServer may have stopped in the middle of an episode; a message it had fetched becomes visible
        // to the second after the queues' visibility timeout (30 s), hence the longer wait.
        await Eventually.ReturnsAsync(
            () => second.Services.GetRequiredService<ApplicationStatusStore>().GetAsync(applicationId),
            view => view?.Status == ApplicationStatus.AwaitingPayment, TimeSpan.FromSeconds(120), "awaiting payment");

        Assert.Single(logs.Lines, line => line.Contains($"Application {applicationId} is now awaiting-confirmation", StringComparison.Ordinal));
        Assert.Single(logs.Lines, line => line.Contains($"Application {applicationId} is now awaiting-payment", StringComparison.Ordinal));
    }
}
