using System.Diagnostics;
using EVisa.DevServer.Durable;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EVisa.Bench.Load;

/// <summary>
/// The application orchestration's shape with nothing inside: the same seven activities (here doing nothing), the
/// same two waits for an event raced against a cancellation event and a durable timer, on the same runtime (the
/// DevServer's sidecar over Azure Storage). Driven like the product, at the same concurrency, it shows what the
/// runtime alone can do, so the product's own overhead is the difference.
/// </summary>
public static class BareOrchestration
{
    private const string Name = "BareApplication";
    private const string Step = nameof(BareStep);
    private const string Confirmed = "Confirmed";
    private const string Paid = "Paid";
    private const string Cancelled = "Cancelled";

    public static async Task<TimeSpan> RunAsync(string storage, string taskHub, int count, int concurrency,
        TimeSpan pollInterval, ILoggerFactory logging)
    {
        await using var sidecar = await DurableSidecar.StartAsync(storage, taskHub, logging, CancellationToken.None);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddDurableTaskWorker(worker =>
        {
            worker.UseGrpc(sidecar.Channel);
            worker.AddTasks(registry =>
            {
                registry.AddOrchestrator(Name, new Orchestrator());
                registry.AddActivity(Step, new BareStep());
            });
        });
        builder.Services.AddDurableTaskClient(client => client.UseGrpc(sidecar.Channel));
        using var host = builder.Build();
        await host.StartAsync();
        var client = host.Services.GetRequiredService<DurableTaskClient>();

        var watch = Stopwatch.StartNew();
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, cancellation) =>
        {
            var id = await client.ScheduleNewOrchestrationInstanceAsync(Name, i, cancellation);
            await CustomStatusAsync(client, id, "awaiting-confirmation", pollInterval);
            await client.RaiseEventAsync(id, Confirmed, cancellation: cancellation);
            await CustomStatusAsync(client, id, "awaiting-payment", pollInterval);
            await client.RaiseEventAsync(id, Paid, cancellation: cancellation);
            await CustomStatusAsync(client, id, "issued", pollInterval);
        });
        var elapsed = watch.Elapsed;

        await sidecar.StopDispatchingAsync();
        await host.StopAsync();
        return elapsed;
    }

    /// <summary>An activity that does nothing (the analyzer knows activities by their class name).</summary>
    private sealed class BareStep : TaskActivity<int, int>
    {
        public override Task<int> RunAsync(TaskActivityContext context, int input) => Task.FromResult(input);
    }

    private sealed class Orchestrator : TaskOrchestrator<int, string>
    {
        public override Task<string> RunAsync(TaskOrchestrationContext context, int input) => OrchestrateAsync(context);
    }

    private static async Task<string> OrchestrateAsync(TaskOrchestrationContext context)
    {
        await context.CallActivityAsync<int>(Step, 1); // the invitation
        await context.CallActivityAsync<int>(Step, 2); // the rules
        await context.CallActivityAsync<int>(Step, 3); // the status
        context.SetCustomStatus("awaiting-confirmation");
        var cancellation = context.WaitForExternalEvent<object?>(Cancelled);
        if (!await WaitAsync(context, Confirmed, cancellation))
            return "expired";
        await context.CallActivityAsync<int>(Step, 4); // the payment request
        await context.CallActivityAsync<int>(Step, 5); // the status
        context.SetCustomStatus("awaiting-payment");
        if (!await WaitAsync(context, Paid, cancellation))
            return "expired";
        await context.CallActivityAsync<int>(Step, 6); // the visa
        await context.CallActivityAsync<int>(Step, 7); // the status
        context.SetCustomStatus("issued");
        return "issued";
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

    private static async Task CustomStatusAsync(DurableTaskClient client, string id, string status, TimeSpan pollInterval)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromMinutes(5))
        {
            var instance = await client.GetInstanceAsync(id, getInputsAndOutputs: true);
            if (instance?.SerializedCustomStatus?.Trim('"') == status)
                return;
            await Task.Delay(pollInterval);
        }

        throw new TimeoutException($"bare orchestration {id} did not reach {status}");
    }
}
