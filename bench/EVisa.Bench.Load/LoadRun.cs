using System.Diagnostics;
using System.Globalization;
using EVisa.Core.Payments;
using Microsoft.Extensions.Logging;

namespace EVisa.Bench.Load;

/// <summary>
/// The load benchmark: N whole applications through a DevServer process on a fresh Azurite at a chosen concurrency,
/// then the bare orchestration of the same shape on the same runtime; prints the figures (README "Load").
/// </summary>
public static class LoadRun
{
    private const int WarmUp = 20;

    public static async Task<int> RunAsync(LoadArguments arguments, ILoggerFactory logging)
    {
        await using var environment = await BenchEnvironment.StartAsync(logging, arguments.CountStorageRequests);
        Console.WriteLine($"run {environment.RunId}: Azurite and the DevServer log in {environment.Folder}");
        var latencies = new Latencies();
        var timing = new RouteTimingHandler(latencies);
        using var http = new HttpClient(timing) { BaseAddress = environment.BaseAddress, Timeout = TimeSpan.FromMinutes(1) };
        var provider = new PaymentProviderSimulator(http, PaymentProviderSimulator.DevelopmentSecret);

        List<JourneyResult> results;
        TimeSpan productElapsed;
        long peakMemory;
        MailFigures mail;
        await using (var server = await environment.StartDevServerAsync())
        {
            using var plain = new HttpClient { BaseAddress = environment.BaseAddress };
            var tokens = await GuestTokens.IssueAsync(plain, environment.RunId, WarmUp + arguments.Applications);
            var journey = new GuestJourney(http, provider, tokens, arguments.PollInterval, TimeSpan.FromMinutes(5));

            // Warm-up: JIT, connection pools and tables, with its own figures thrown away.
            await Parallel.ForAsync(0, WarmUp, async (i, _) => await journey.RunAsync(i, JourneyEnd.Issued, environment.RunId, new()));
            latencies.Clear();

            var progress = new JourneyProgress();
            var watch = Stopwatch.StartNew();
            results = [.. await RunAllAsync(arguments.Applications, arguments.Concurrency,
                i => journey.RunAsync(WarmUp + i, JourneyEnd.Issued, environment.RunId, progress))];
            productElapsed = watch.Elapsed;
            peakMemory = server.PeakMemoryBytes;
            mail = await MailDelivery.ReadAsync(environment.Storage, results, TimeSpan.FromMinutes(2)); // while the sender still runs
            Console.WriteLine($"product: {results.Count} journeys in {productElapsed.TotalSeconds:0.0} s; now the bare orchestration");
        }

        var failures = results.Where(r => r.Failure is not null || r.FinalStatus != "issued").ToList();
        var productHistory = await TaskHubHistory.ReadAsync(environment.Storage, environment.TaskHub);
        var (serverToConfirmation, serverToIssued) = await ServerTimings.ReadAsync(environment.Storage, results);

        var productLogLines = 0;
        if (environment.StorageLog is { } storageLog)
            productLogLines = PrintStorageRequests("product", storageLog, environment.TaskHub, 0, WarmUp + arguments.Applications);

        var bareHub = "bare" + environment.RunId;
        await BareOrchestration.RunAsync(environment.Storage, bareHub + "w", WarmUp, WarmUp, arguments.PollInterval, logging);
        if (environment.StorageLog is { } logAfterWarmUp)
            productLogLines = File.ReadLines(logAfterWarmUp).Count();
        var bareElapsed = await BareOrchestration.RunAsync(environment.Storage, bareHub, arguments.Applications,
            arguments.Concurrency, arguments.PollInterval, logging);
        var bareHistory = await TaskHubHistory.ReadAsync(environment.Storage, bareHub);
        if (environment.StorageLog is { } bareLog)
            PrintStorageRequests("bare orchestration", bareLog, bareHub, productLogLines, arguments.Applications);

        var productRate = arguments.Applications / productElapsed.TotalSeconds;
        var bareRate = arguments.Applications / bareElapsed.TotalSeconds;
        Print(arguments, results, productElapsed, productRate, latencies, timing.ServerErrors, productHistory, peakMemory,
            bareElapsed, bareRate, bareHistory,
            LatencySummary.Of("recorded", serverToConfirmation, 0), LatencySummary.Of("recorded", serverToIssued, 0));
        MailDelivery.Print(mail);

        foreach (var failure in failures.Take(10))
            Console.WriteLine($"FAILED guest {failure.Guest} ({failure.ApplicationId}): {failure.Failure ?? failure.FinalStatus}");
        return failures.Count == 0 ? 0 : 1;
    }

    public static async Task<JourneyResult[]> RunAllAsync(int count, int concurrency, Func<int, Task<JourneyResult>> journey)
    {
        var results = new JourneyResult[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = concurrency },
            async (i, _) => results[i] = await journey(i));
        return results;
    }

    private static void Print(LoadArguments arguments, List<JourneyResult> results, TimeSpan productElapsed, double productRate,
        Latencies latencies, int serverErrors, TaskHubHistory productHistory, long peakMemory, TimeSpan bareElapsed,
        double bareRate, TaskHubHistory bareHistory, LatencySummary serverToConfirmation, LatencySummary serverToIssued)
    {
        var toConfirmation = LatencySummary.Of("submission → awaiting-confirmation",
            results.Where(r => r.SubmissionToAwaitingConfirmation is not null)
                .Select(r => r.SubmissionToAwaitingConfirmation!.Value.TotalMilliseconds).ToList(), 0);
        var toIssued = LatencySummary.Of("payment → issued",
            results.Where(r => r.PaymentToIssued is not null).Select(r => r.PaymentToIssued!.Value.TotalMilliseconds).ToList(), 0);
        var issued = results.Count(r => r.FinalStatus == "issued");

        Console.WriteLine();
        Console.WriteLine($"EVisa load: {arguments.Applications} applications, concurrency {arguments.Concurrency}, " +
                          $"status polled every {arguments.PollInterval.TotalMilliseconds:0} ms, {Environment.ProcessorCount} cores");
        Console.WriteLine();
        Console.WriteLine("| measure | result |");
        Console.WriteLine("|---|---|");
        Row("end to end (invitation → visa downloaded)", $"{issued} issued in {productElapsed.TotalSeconds:0.0} s = **{productRate:0.0} applications/s**");
        Row("submission → awaiting-confirmation, recorded by the service", Percentiles(serverToConfirmation));
        Row("submission → awaiting-confirmation, seen by the polling client", Percentiles(toConfirmation));
        Row("payment → issued, recorded by the service", Percentiles(serverToIssued));
        Row("payment → issued, seen by the polling client", Percentiles(toIssued));
        Row("durable work items per application", $"{productHistory.WorkItemsPerInstance:0.0} " +
            $"({productHistory.EpisodesPerInstance:0.0} orchestrator episodes + {productHistory.ActivitiesPerInstance:0.0} activities)");
        Row("DevServer peak memory (VmHWM)", $"**{peakMemory / (1024.0 * 1024):0} MiB**");
        Row("HTTP 5xx answers", serverErrors.ToString(CultureInfo.InvariantCulture));
        Row("bare orchestration, same shape", $"{arguments.Applications} in {bareElapsed.TotalSeconds:0.0} s = {bareRate:0.0}/s " +
            $"({bareHistory.WorkItemsPerInstance:0.0} work items each)");
        Row("product ÷ bare throughput", $"**{productRate / bareRate:0.00}**");
        Console.WriteLine();
        Console.WriteLine("| HTTP route | requests | p50 ms | p95 ms | p99 ms | max ms | not 2xx |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var route in latencies.Summaries())
            Console.WriteLine($"| `{route.Name}` | {route.Count} | {route.P50:0.0} | {route.P95:0.0} | {route.P99:0.0} | {route.Max:0} | {route.Failures} |");
    }

    /// <summary>Storage requests per application from the log's <paramref name="skip"/>th line on; returns the lines read.</summary>
    private static int PrintStorageRequests(string what, string storageLog, string taskHub, int skip, int applications)
    {
        var counts = StorageRequests.Count(storageLog, taskHub, skip, out var lines);
        Console.WriteLine();
        Console.WriteLine($"{what}: storage requests per application: {counts.Sum(c => c.Count) / (double)applications:0.0}");
        Console.WriteLine("| service, method, target | per application |");
        Console.WriteLine("|---|---|");
        foreach (var (target, count) in counts.Where(c => c.Count >= applications / 10))
            Console.WriteLine($"| `{target}` | {count / (double)applications:0.0} |");
        return lines;
    }

    private static string Percentiles(LatencySummary s) =>
        $"p50 **{s.P50:0} ms**, p95 {s.P95:0} ms, p99 **{s.P99:0} ms** (max {s.Max:0} ms, n = {s.Count})";

    private static void Row(string measure, string result) => Console.WriteLine($"| {measure} | {result} |");
}
