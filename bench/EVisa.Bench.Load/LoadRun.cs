using System.Diagnostics;
using System.Globalization;
using EVisa.DevServer.Payments;
using Microsoft.Extensions.Logging;

namespace EVisa.Bench.Load;

/// <summary>What one load run measured, for the summary of several runs.</summary>
public sealed record LoadReport(
    AzuriteStore Store,
    int PartitionCount,
    double ProductRate,
    double BareRate,
    double OpenLoopRate,
    LatencySummary Submission,
    LatencySummary ToAwaitingPayment,
    LatencySummary ToIssued,
    double WorkItems,
    double BareWorkItems,
    double? StorageRequests,
    double? BareStorageRequests,
    long PeakMemory,
    int Failures);

/// <summary>
/// The load benchmark (bench/README.md): on a fresh Azurite, a DevServer process takes N whole applications
/// at a fixed concurrency (saturated: the throughput), then as many again started at a fixed arrival rate of half that
/// throughput (open loop: the latencies where a service is meant to run); then the bare orchestration of the same
/// shape runs on the same runtime, driven and polled the same way, and the figures are printed side by side.
/// </summary>
public static class LoadRun
{
    private const int WarmUp = 20;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    public static async Task<LoadReport> RunAsync(LoadArguments arguments, AzuriteStore store, int? partitionCount,
        ILoggerFactory logging)
    {
        await using var environment = await BenchEnvironment.StartAsync(logging, store, partitionCount, arguments.CountStorageRequests);
        Console.WriteLine($"run {environment.RunId}: Azurite ({store}), {environment.PartitionCount} partitions; " +
                          $"Azurite and the DevServer log in {environment.Folder}");
        var storageLog = environment.StorageLog;
        using var saturated = new Measured();
        using var open = new Measured();
        var retryAfters = new RetryAfterCounts();
        List<JourneyResult> results, openResults;
        TimeSpan productElapsed, openElapsed = TimeSpan.Zero;
        double openRate = 0;
        long peakMemory, productFrom, productTo;
        MailFigures mail;
        await using (var server = await environment.StartDevServerAsync())
        {
            using var plain = new HttpClient { BaseAddress = environment.BaseAddress };
            var tokens = await GuestTokens.IssueAsync(plain, environment.RunId, WarmUp + arguments.Applications + arguments.OpenLoopApplications);
            var journey = saturated.Journey(environment, tokens, arguments.PollInterval, retryAfters);

            // Warm-up: JIT, connection pools and tables, with its own figures thrown away.
            await Parallel.ForAsync(0, WarmUp, async (i, _) => await journey.RunAsync(i, JourneyEnd.Issued, environment.RunId, new()));
            saturated.Latencies.Clear();

            productFrom = StorageRequests.Mark(storageLog);
            var watch = Stopwatch.StartNew();
            results = [.. await RunAllAsync(arguments.Applications, arguments.Concurrency,
                i => journey.RunAsync(WarmUp + i, JourneyEnd.Issued, environment.RunId, new JourneyProgress()))];
            productElapsed = watch.Elapsed;
            productTo = StorageRequests.Mark(storageLog);
            var productRate = arguments.Applications / productElapsed.TotalSeconds;
            Console.WriteLine($"saturated: {results.Count} journeys in {productElapsed.TotalSeconds:0.0} s = {productRate:0.00}/s");

            openResults = [];
            if (arguments.OpenLoopApplications > 0)
            {
                openRate = productRate / 2;
                var openJourney = open.Journey(environment, tokens, arguments.PollInterval, retryAfters);
                var first = WarmUp + arguments.Applications;
                (var openArray, openElapsed) = await RunOpenLoopAsync(arguments.OpenLoopApplications, openRate,
                    i => openJourney.RunAsync(first + i, JourneyEnd.Issued, environment.RunId, new JourneyProgress()));
                openResults = [.. openArray];
                Console.WriteLine($"open loop: {openResults.Count} journeys started at {openRate:0.00}/s, " +
                                  $"all ended after {openElapsed.TotalSeconds:0.0} s; now the bare orchestration");
            }

            peakMemory = server.PeakMemoryBytes;
            mail = await MailDelivery.ReadAsync(environment.Storage, results, TimeSpan.FromMinutes(2)); // while the sender still runs
        }

        var failures = results.Concat(openResults).Where(r => r.Failure is not null || r.FinalStatus != "issued").ToList();
        var productHistory = await TaskHubHistory.ReadAsync(environment.Storage, environment.TaskHub);
        double? productStorage = storageLog is null
            ? null
            : PrintStorageRequests("product (saturated)", storageLog, environment.TaskHub, productFrom, productTo, arguments.Applications);

        var bareHub = "bare" + environment.RunId;
        await BareOrchestration.RunAsync(environment.Storage, bareHub + "w", environment.PartitionCount, WarmUp, WarmUp,
            arguments.PollInterval, logging);
        var bareFrom = StorageRequests.Mark(storageLog);
        var bareElapsed = await BareOrchestration.RunAsync(environment.Storage, bareHub, environment.PartitionCount,
            arguments.Applications, arguments.Concurrency, arguments.PollInterval, logging);
        var bareTo = StorageRequests.Mark(storageLog);
        var bareHistory = await TaskHubHistory.ReadAsync(environment.Storage, bareHub);
        double? bareStorage = storageLog is null
            ? null
            : PrintStorageRequests("bare orchestration", storageLog, bareHub, bareFrom, bareTo, arguments.Applications);

        var report = new LoadReport(store, environment.PartitionCount, arguments.Applications / productElapsed.TotalSeconds,
            arguments.Applications / bareElapsed.TotalSeconds, openRate,
            open.Latencies.Summary(SubmissionRoute), Recorded(openResults, r => r.ConfirmationToAwaitingPayment),
            Recorded(openResults, r => r.PaymentToIssued), productHistory.WorkItemsPerInstance, bareHistory.WorkItemsPerInstance,
            productStorage, bareStorage, peakMemory, failures.Count);
        Print(arguments, environment, report, results, productElapsed, saturated, openResults, openElapsed, open, productHistory,
            bareElapsed, bareHistory, retryAfters);
        MailDelivery.Print(mail);

        foreach (var failure in failures.Take(10))
            Console.WriteLine($"FAILED guest {failure.Guest} ({failure.ApplicationId}): {failure.Failure ?? failure.FinalStatus}");
        return report;
    }

    public static async Task<JourneyResult[]> RunAllAsync(int count, int concurrency, Func<int, Task<JourneyResult>> journey)
    {
        var results = new JourneyResult[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = concurrency },
            async (i, _) => results[i] = await journey(i));
        return results;
    }

    /// <summary>
    /// Open loop: journey i starts at i ÷ <paramref name="rate"/> seconds whatever the others are doing, as people
    /// arrive at a portal; none waits for a free slot, so a slow service shows as latency, not as a lower rate.
    /// </summary>
    public static async Task<(JourneyResult[] Results, TimeSpan Elapsed)> RunOpenLoopAsync(int count, double rate,
        Func<int, Task<JourneyResult>> journey)
    {
        var watch = Stopwatch.StartNew();
        var journeys = new Task<JourneyResult>[count];
        for (var i = 0; i < count; i++)
        {
            var wait = TimeSpan.FromSeconds(i / rate) - watch.Elapsed;
            if (wait > TimeSpan.Zero)
                await Task.Delay(wait);
            var guest = i;
            journeys[i] = Task.Run(() => journey(guest));
        }

        var results = await Task.WhenAll(journeys);
        return (results, watch.Elapsed);
    }

    private const string SubmissionRoute = "POST /api/applications";

    /// <summary>One phase of the run: its HTTP client, timed by route, and the journey that uses it.</summary>
    private sealed class Measured : IDisposable
    {
        private readonly RouteTimingHandler _timing;
        private readonly HttpClient _http;

        public Measured()
        {
            _timing = new RouteTimingHandler(Latencies);
            _http = new HttpClient(_timing) { Timeout = TimeSpan.FromMinutes(1) };
        }

        public Latencies Latencies { get; } = new();
        public int ServerErrors => _timing.ServerErrors;

        public GuestJourney Journey(BenchEnvironment environment, GuestTokens tokens, TimeSpan pollInterval, RetryAfterCounts retryAfters)
        {
            _http.BaseAddress = environment.BaseAddress;
            return new GuestJourney(_http, new PaymentProviderSimulator(_http, PaymentProviderSimulator.DevelopmentSecret), tokens,
                pollInterval, Patience, retryAfters);
        }

        public void Dispose() => _http.Dispose();
    }

    private static LatencySummary Recorded(IEnumerable<JourneyResult> results, Func<JourneyResult, StepLatency?> step) =>
        LatencySummary.Of("recorded", results.Select(step).OfType<StepLatency>().Select(s => s.Recorded.TotalMilliseconds).ToList(), 0);

    private static LatencySummary Seen(IEnumerable<JourneyResult> results, Func<JourneyResult, StepLatency?> step) =>
        LatencySummary.Of("seen", results.Select(step).OfType<StepLatency>().Select(s => s.Seen.TotalMilliseconds).ToList(), 0);

    private static void Print(LoadArguments arguments, BenchEnvironment environment, LoadReport report, List<JourneyResult> results,
        TimeSpan productElapsed, Measured saturated, List<JourneyResult> openResults, TimeSpan openElapsed, Measured open,
        TaskHubHistory productHistory, TimeSpan bareElapsed, TaskHubHistory bareHistory, RetryAfterCounts retryAfters)
    {
        var issued = results.Count(r => r.FinalStatus == "issued");
        var openIssued = openResults.Count(r => r.FinalStatus == "issued");

        Console.WriteLine();
        Console.WriteLine($"EVisa load: {arguments.Applications} applications at concurrency {arguments.Concurrency}, then " +
                          $"{arguments.OpenLoopApplications} at {report.OpenLoopRate:0.00}/s (open loop); Azurite {environment.Store}, " +
                          $"{environment.PartitionCount} partitions, fallback poll {arguments.PollInterval.TotalMilliseconds:0} ms, " +
                          $"{Environment.ProcessorCount} cores");
        Console.WriteLine();
        Console.WriteLine($"| measure | saturated (concurrency {arguments.Concurrency}) | open loop ({report.OpenLoopRate:0.00}/s) |");
        Console.WriteLine("|---|---|---|");
        Row("applications issued (invitation → visa downloaded)",
            $"{issued} in {productElapsed.TotalSeconds:0.0} s = **{report.ProductRate:0.00}/s**",
            $"{openIssued} in {openElapsed.TotalSeconds:0.0} s");
        Row("`POST /api/applications` (the verdict in its answer)",
            Percentiles(saturated.Latencies.Summary(SubmissionRoute)), Percentiles(report.Submission));
        Row("confirmation → `awaiting-payment`, recorded",
            Percentiles(Recorded(results, r => r.ConfirmationToAwaitingPayment)), Percentiles(report.ToAwaitingPayment));
        Row("confirmation → `awaiting-payment`, seen by the polling client",
            Percentiles(Seen(results, r => r.ConfirmationToAwaitingPayment)), Percentiles(Seen(openResults, r => r.ConfirmationToAwaitingPayment)));
        Row("payment webhook → `issued`, recorded",
            Percentiles(Recorded(results, r => r.PaymentToIssued)), Percentiles(report.ToIssued));
        Row("payment webhook → `issued`, seen by the polling client",
            Percentiles(Seen(results, r => r.PaymentToIssued)), Percentiles(Seen(openResults, r => r.PaymentToIssued)));
        Row("HTTP 5xx answers", saturated.ServerErrors.ToString(CultureInfo.InvariantCulture),
            open.ServerErrors.ToString(CultureInfo.InvariantCulture));
        Console.WriteLine();
        Console.WriteLine("| measure | product | bare orchestration |");
        Console.WriteLine("|---|---|---|");
        Row("throughput, saturated", $"**{report.ProductRate:0.00}/s**",
            $"{arguments.Applications} in {bareElapsed.TotalSeconds:0.0} s = {report.BareRate:0.00}/s");
        Row("product ÷ bare throughput", $"**{report.ProductRate / report.BareRate:0.00}**", "");
        Row("durable work items per application", WorkItems(productHistory), WorkItems(bareHistory));
        if (report.StorageRequests is { } requests)
            Row("storage requests per application", $"{requests:0.0}", $"{report.BareStorageRequests:0.0}");
        Row("DevServer peak memory (VmHWM)", $"{report.PeakMemory / (1024.0 * 1024):0} MiB", "");
        Console.WriteLine();
        Console.WriteLine($"Retry-After on status reads: {retryAfters}");
        PrintRoutes("saturated", saturated.Latencies);
        PrintRoutes("open loop", open.Latencies);
    }

    private static string WorkItems(TaskHubHistory history) =>
        $"{history.WorkItemsPerInstance:0.0} ({history.EpisodesPerInstance:0.0} orchestrator episodes + " +
        $"{history.ActivitiesPerInstance:0.0} activities)";

    private static void PrintRoutes(string phase, Latencies latencies)
    {
        Console.WriteLine();
        Console.WriteLine($"| HTTP route, {phase} | requests | p50 ms | p95 ms | p99 ms | max ms | not 2xx |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var route in latencies.Summaries())
            Console.WriteLine($"| `{route.Name}` | {route.Count} | {route.P50:0.0} | {route.P95:0.0} | {route.P99:0.0} | {route.Max:0} | {route.Failures} |");
    }

    /// <summary>Prints the storage requests per application between two marks of the log; returns their total per application.</summary>
    private static double PrintStorageRequests(string what, string storageLog, string taskHub, long from, long to, int applications)
    {
        var counts = StorageRequests.Count(storageLog, taskHub, from, to);
        var perApplication = counts.Sum(c => c.Count) / (double)applications;
        Console.WriteLine();
        Console.WriteLine($"{what}: storage requests per application: {perApplication:0.0}");
        Console.WriteLine("| service, method, target | per application |");
        Console.WriteLine("|---|---|");
        foreach (var (target, count) in counts.Where(c => c.Count >= applications / 10))
            Console.WriteLine($"| `{target}` | {count / (double)applications:0.0} |");
        return perApplication;
    }

    private static string Percentiles(LatencySummary s) => s.Count == 0
        ? "—"
        : $"p50 **{s.P50:0} ms**, p95 {s.P95:0} ms, p99 **{s.P99:0} ms** (max {s.Max:0} ms, n = {s.Count})";

    private static void Row(string measure, string first, string second) => Console.WriteLine($"| {measure} | {first} | {second} |");
}
