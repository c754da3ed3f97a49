using System.Net;
using Azure.Data.Tables;
using EVisa.DevServer.Payments;
using EVisa.Tests.Infrastructure;
using EVisa.Tests.Pipeline;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace EVisa.Tests.Workflow;

/// <summary>
/// What an issued application costs the durable runtime, counted as the load bench counts it, from the task hub's
/// history: each orchestrator episode starts with OrchestratorStarted, each activity ends with TaskCompleted or
/// TaskFailed. The first shape cost 17 (10 episodes, 7 activities).
/// </summary>
public sealed class WorkItemTests(ITestOutputHelper output)
{
    [Fact]
    public async Task An_issued_application_costs_at_most_eight_durable_work_items()
    {
        var server = await TestServers.SharedAsync();
        var scenario = new PipelineScenario(server);
        var applicationId = await scenario.AwaitingPaymentAsync();
        var reference = (await scenario.StatusAsync(applicationId)).GetProperty("payment").GetProperty("paymentReference").GetString()!;
        var provider = new PaymentProviderSimulator(server.Client(), PaymentProviderSimulator.DevelopmentSecret);
        Assert.Equal(HttpStatusCode.OK,
            (await provider.SendAsync(new SimulatedPayment(reference, 8000, "USD", EventId: PaymentProviderSimulator.NewEventId()))).StatusCode);
        await scenario.StatusBecomesAsync(applicationId, "issued");
        await Eventually.ReturnsAsync(
            () => server.Services.GetRequiredService<DurableTaskClient>().GetInstanceAsync(applicationId, getInputsAndOutputs: false),
            i => i?.RuntimeStatus == OrchestrationRuntimeStatus.Completed, what: "orchestration completed");

        var hub = server.Services.GetRequiredService<IConfiguration>()["TaskHubName"];
        var history = new TableClient(await SharedAzurite.ConnectionStringAsync(), $"{hub}History");
        int episodes = 0, activities = 0;
        await foreach (var row in history.QueryAsync<TableEntity>(e => e.PartitionKey == applicationId, select: ["EventType"]))
        {
            switch (row.GetString("EventType"))
            {
                case "OrchestratorStarted":
                    episodes++;
                    break;
                case "TaskCompleted" or "TaskFailed":
                    activities++;
                    break;
            }
        }

        output.WriteLine($"{episodes} orchestrator episodes + {activities} activities = {episodes + activities} work items");
        Assert.Equal(2, activities); // the confirmation's step and the issue
        Assert.InRange(episodes + activities, 6, 8);
    }
}
