using System.Diagnostics;
using Azure.Data.Tables;
using EVisa.DevServer.Durable;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EVisa.Bench.Load;

/// <summary>
/// The application orchestration's shape with nothing inside, on the same runtime (the DevServer's sidecar over Azure
/// Storage, the same partition count): started when the client records the application, it waits for the
/// confirmation, runs one activity that records <c>awaiting-payment</c> in a status row, waits for the payment, runs
/// one activity that records <c>issued</c>; each wait is raced against a cancellation event and a durable timer. The
/// client drives it as the guests drive the product and reads the status the same way: one table read per poll, at
/// the same interval, the first one after the confirmation an interval later (the product's confirmation answers
/// <c>Retry-After</c>). So the product's own overhead is the difference between the two.
/// </summary>
public static class BareOrchestration
{
    private const string Name = "BareApplication";
    private const string Step = nameof(BareStep);
    private const string Confirmed = "Confirmed";
    private const string Paid = "Paid";
    private const string Cancelled = "Cancelled";

    public static async Task<TimeSpan> RunAsync(string storage, string taskHub, int partitionCount, int count, int concurrency,
        TimeSpan pollInterval, ILoggerFactory logging)
    {
        var statuses = new TableClient(storage, taskHub + "Status");
        await statuses.CreateIfNotExistsAsync();
        await using var sidecar = await DurableSidecar.StartAsync(storage, taskHub, partitionCount, logging, CancellationToken.None);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddDurableTaskWorker(worker =>
        {
            worker.UseGrpc(sidecar.Channel);
            worker.AddTasks(registry =>
            {
                registry.AddOrchestrator(Name, new Orchestrator());
                registry.AddActivity(Step, new BareStep(statuses));
            });
        });
        builder.Services.AddDurableTaskClient(client => client.UseGrpc(sidecar.Channel));
        using var host = builder.Build();
        await host.StartAsync();
        var client = host.Services.GetRequiredService<DurableTaskClient>();

        var watch = Stopwatch.StartNew();
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, cancellation) =>
        {
            var id = $"{taskHub}-{i}";
            await statuses.UpsertEntityAsync(new TableEntity(id, "") { ["Status"] = "awaiting-confirmation" },
                cancellationToken: cancellation);
            await client.ScheduleNewOrchestrationInstanceAsync(Name, 0, new StartOrchestrationOptions(id), cancellation);
            await client.RaiseEventAsync(id, Confirmed, cancellation: cancellation);
            await Task.Delay(pollInterval, cancellation); // as a guest told Retry-After by the confirmation's answer
            await StatusAsync(statuses, id, "awaiting-payment", pollInterval);
            await client.RaiseEventAsync(id, Paid, cancellation: cancellation);
            await StatusAsync(statuses, id, "issued", pollInterval);
        });
        var elapsed = watch.Elapsed;

        await sidecar.StopDispatchingAsync();
        await host.StopAsync();
        return elapsed;
    }

    /// <summary>Records the status its input names in the instance's row, as the product's activities do.</summary>
    private sealed class BareStep(TableClient statuses) : TaskActivity<string, string>
    {
        public override async Task<string> RunAsync(TaskActivityContext context, string input)
        {
            await statuses.UpsertEntityAsync(new TableEntity(context.InstanceId, "") { ["Status"] = input });
            return input;
        }
    }

    private sealed class Orchestrator : TaskOrchestrator<int, string>
    {
        public override Task<string> RunAsync(TaskOrchestrationContext context, int input) => OrchestrateAsync(context);
    }

    private static async Task<string> OrchestrateAsync(TaskOrchestrationContext context)
    {
        var cancellation = context.WaitForExternalEvent<object?>(Cancelled);
        if (!await WaitAsync(context, Confirmed, cancellation))
            return "expired";
        await context.CallActivityAsync<string>(Step, "awaiting-payment"); // the payment request, with its status
        if (!await WaitAsync(context, Paid, cancellation))
            return "expired";
        return await context.CallActivityAsync<string>(Step, "issued"); // the visa, with its status
    }

    private static async Task<bool> WaitAsync(TaskOrchestrationContext context, string eventName, Task cancellation)
    {
        using var cancel = new CancellationTokenSource();
        var received = context.WaitForExternalEvent<object?>(eventName, cancel.Token);
        var timer = context.CreateTimer(context.CurrentUtcDateTime.AddDays(7), cancel.Token);
        var winner = await Task.WhenAny(received, cancellation, timer);
        cancel.Cancel();
        return winner == received;
    }

    private static async Task StatusAsync(TableClient statuses, string id, string status, TimeSpan pollInterval)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromMinutes(5))
        {
            var row = await statuses.GetEntityAsync<TableEntity>(id, "", select: ["Status"]);
            if (row.Value.GetString("Status") == status)
                return;
            await Task.Delay(pollInterval);
        }

        throw new TimeoutException($"bare orchestration {id} did not reach {status}");
    }
}
