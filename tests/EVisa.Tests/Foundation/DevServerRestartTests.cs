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
            await Eventually.ReturnsAsync(
                () => first.Services.GetRequiredService<ApplicationStatusStore>().GetAsync(applicationId),
                view => view?.Status == ApplicationStatus.AwaitingConfirmation, what: "awaiting confirmation");
            // The mirror is written inside the activity; give its completion and the orchestration's next checkpoint
            // a moment to land, so stopping leaves no dequeued message whose queue lock would hold it for minutes.
            await Task.Delay(TimeSpan.FromSeconds(3));
        }

        await using var second = await TestServers.StartAsync(hub, logs);
        var secondClient = second.Services.GetRequiredService<DurableTaskClient>();
        await secondClient.RaiseEventAsync(applicationId, ApplicationWorkflow.ApplicantConfirmedEvent);
        await Eventually.ReturnsAsync(
            () => second.Services.GetRequiredService<ApplicationStatusStore>().GetAsync(applicationId),
            view => view?.Status == ApplicationStatus.AwaitingPayment, what: "awaiting payment");

        Assert.Single(logs.Lines, line => line.Contains($"Application {applicationId} is now awaiting-confirmation", StringComparison.Ordinal));
        Assert.Single(logs.Lines, line => line.Contains($"Application {applicationId} is now awaiting-payment", StringComparison.Ordinal));
    }
}
