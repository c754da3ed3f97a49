using EVisa.Core.Storage;
using EVisa.Core.Workflow;
using EVisa.Tests.Infrastructure;
using Microsoft.DurableTask;
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
        var applicationId = $"app-{Guid.NewGuid():N}";

        await using (var first = await TestServers.StartAsync(hub, logs))
        {
            var client = first.Services.GetRequiredService<DurableTaskClient>();
            await client.ScheduleNewOrchestrationInstanceAsync(ApplicationWorkflow.OrchestratorName,
                new ApplicationWorkflowInput(applicationId, "applicant-1", TimeSpan.FromHours(1)),
                new StartOrchestrationOptions(applicationId));
            await Eventually.ReturnsAsync(
                () => first.Services.GetRequiredService<ApplicationStatusStore>().GetAsync(applicationId),
                view => view?.Status == ApplicationStatus.AwaitingConfirmation, what: "awaiting confirmation");
        }

        await using var second = await TestServers.StartAsync(hub, logs);
        var secondClient = second.Services.GetRequiredService<DurableTaskClient>();
        await secondClient.RaiseEventAsync(applicationId, ApplicationWorkflow.ApplicantConfirmedEvent);
        // The first DevServer may have stopped in the middle of an episode; a message it had fetched becomes visible
        // to the second after the queues' visibility timeout (30 s), hence the longer wait.
        var completed = await Eventually.ReturnsAsync(
            () => secondClient.GetInstanceAsync(applicationId, getInputsAndOutputs: true),
            instance => instance?.RuntimeStatus == OrchestrationRuntimeStatus.Completed, TimeSpan.FromSeconds(120),
            "orchestration completed");

        Assert.Equal(ApplicationStatus.AwaitingPayment, completed!.ReadOutputAs<ApplicationStatus>());
        Assert.Equal(ApplicationStatus.AwaitingPayment,
            (await second.Services.GetRequiredService<ApplicationStatusStore>().GetAsync(applicationId))!.Status);
        Assert.Single(logs.Lines, line => line.Contains($"Application {applicationId} is now awaiting-confirmation", StringComparison.Ordinal));
        Assert.Single(logs.Lines, line => line.Contains($"Application {applicationId} is now awaiting-payment", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_confirmation_wait_times_out_on_a_durable_timer()
    {
        var server = await TestServers.SharedAsync();
        var client = server.Services.GetRequiredService<DurableTaskClient>();
        var applicationId = $"app-{Guid.NewGuid():N}";

        await client.ScheduleNewOrchestrationInstanceAsync(ApplicationWorkflow.OrchestratorName,
            new ApplicationWorkflowInput(applicationId, "applicant-1", TimeSpan.FromSeconds(2)),
            new StartOrchestrationOptions(applicationId));
        var completed = await Eventually.ReturnsAsync(
            () => client.GetInstanceAsync(applicationId, getInputsAndOutputs: true),
            instance => instance?.RuntimeStatus == OrchestrationRuntimeStatus.Completed, what: "orchestration completed");

        Assert.Equal(ApplicationStatus.Expired, completed!.ReadOutputAs<ApplicationStatus>());
    }
}
