using System.Diagnostics;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using EVisa.Core.Payments;
using EVisa.Core.Visas;
using EVisa.DevServer.Payments;
using Microsoft.Extensions.Logging;

namespace EVisa.Bench.Load;

/// <summary>The faults the service must outlive without manual action.</summary>
public enum Fault
{
    /// <summary>kill -9 of the DevServer with applications in flight, then a new DevServer on the same storage.</summary>
    Kill,

    /// <summary>Azurite stopped and started again under a running DevServer.</summary>
    StorageRestart,
}

/// <summary>
/// Drives applications at full concurrency, strikes the fault once most are in flight and some are paid, and then
/// checks the end state in storage: every application in its right final state, exactly one visa and one PDF blob
/// per paid application and none for the others, and no payment in the review queue. It gives up, failing, after the time limit.
/// </summary>
public static class FaultRun
{
    public static async Task<int> RunAsync(Fault fault, LoadArguments arguments, int? partitionCount, ILoggerFactory logging)
    {
        // The limit counts from here, Azurite's and the DevServer's starts included (minutes on a loaded machine), so
        // the scenario fails by itself before a CI's outer timeout kills it.
        var watch = Stopwatch.StartNew();
        await using var environment = await BenchEnvironment.StartAsync(logging, AzuriteStore.Disk, partitionCount);
        Console.WriteLine($"run {environment.RunId}: {fault}, {arguments.Applications} applications, at most " +
                          $"{arguments.TimeLimit.TotalSeconds:0} s; Azurite and the DevServer log in {environment.Folder}");
        var latencies = new Latencies();
        var timing = new RouteTimingHandler(latencies);
        var patience = TimeSpan.FromMinutes(3);
        var patient = new PatientRetryHandler(timing, patience);
        // The client's timeout covers every retry of a request, so it outlasts the retrying: a restart can take a
        // minute on a loaded machine.
        using var http = new HttpClient(patient) { BaseAddress = environment.BaseAddress, Timeout = patience + TimeSpan.FromMinutes(1) };
        var provider = new PaymentProviderSimulator(http, PaymentProviderSimulator.DevelopmentSecret);

        var server = await environment.StartDevServerAsync();
        try
        {
            using var plain = new HttpClient { BaseAddress = environment.BaseAddress };
            var tokens = await GuestTokens.IssueAsync(plain, environment.RunId, arguments.Applications);
            var journey = new GuestJourney(http, provider, tokens, arguments.PollInterval, TimeSpan.FromMinutes(6), new RetryAfterCounts());
            var progress = new JourneyProgress();
            Console.WriteLine($"at {watch.Elapsed.TotalSeconds:0.0} s: Azurite and the DevServer answer; {arguments.Applications} journeys start");
            var journeys = LoadRun.RunAllAsync(arguments.Applications, arguments.Applications,
                i => journey.RunAsync(i, ExpectedEnd(i), environment.RunId, progress));

            // Strike once some have paid while most are still in flight, so that the fault lands on every stage: before
            // submission, waiting for the confirmation, paying, issuing. Refused ones end at their submission.
            var wanted = arguments.Applications / 2;
            var paid = Math.Max(3, arguments.Applications / 20);
            while (!(progress.InFlight >= wanted && progress.Paid >= paid) && !journeys.IsCompleted && watch.Elapsed < arguments.TimeLimit)
                await Task.Delay(20);
            Console.WriteLine($"at {watch.Elapsed.TotalSeconds:0.0} s: {progress.InFlight} in flight, {progress.Paid} paid, " +
                              $"{progress.Finished} finished; striking: {fault}");
            var inFlightAtFault = progress.InFlight;
            if (fault == Fault.Kill)
            {
                await server.KillAsync();
                await server.DisposeAsync();
                server = await environment.StartDevServerAsync();
                Console.WriteLine($"at {watch.Elapsed.TotalSeconds:0.0} s: a new DevServer answers");
            }
            else
            {
                await environment.RestartStorageAsync(TimeSpan.FromSeconds(5));
                Console.WriteLine($"at {watch.Elapsed.TotalSeconds:0.0} s: Azurite answers again");
            }

            // Bounded: a scenario that hangs fails (CI runs these), whatever the journeys' own patience.
            var left = arguments.TimeLimit - watch.Elapsed;
            if (left <= TimeSpan.Zero || await Task.WhenAny(journeys, Task.Delay(left)) != journeys)
            {
                Console.WriteLine($"FAILED: {progress.InFlight} journeys still in flight after {arguments.TimeLimit.TotalSeconds:0} s " +
                                  $"({patient.Retries} client retries, {timing.ServerErrors} 5xx answers)");
                return 1;
            }

            var results = await journeys;
            Console.WriteLine($"at {watch.Elapsed.TotalSeconds:0.0} s: every journey ended " +
                              $"({patient.Retries} client retries, {timing.ServerErrors} 5xx answers while it was down)");
            var problems = await CheckAsync(results, environment.Storage);
            if (inFlightAtFault < wanted)
                problems.Insert(0, $"only {inFlightAtFault} applications were in flight at the fault, not {wanted}");
            foreach (var problem in problems)
                Console.WriteLine($"FAILED: {problem}");
            Console.WriteLine(problems.Count == 0
                ? $"PASSED: {results.Count(r => r.Expected == JourneyEnd.Issued)} issued with one visa and one PDF each, " +
                  $"{results.Count(r => r.Expected == JourneyEnd.Cancelled)} cancelled, {results.Count(r => r.Expected == JourneyEnd.Refused)} refused"
                : $"{problems.Count} problems");
            return problems.Count == 0 ? 0 : 1;
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    /// <summary>One in ten cancels after seeing the draft, one in ten is refused by the rules, the rest pay.</summary>
    private static JourneyEnd ExpectedEnd(int guest) => (guest % 10) switch
    {
        3 => JourneyEnd.Cancelled,
        7 => JourneyEnd.Refused,
        _ => JourneyEnd.Issued,
    };

    private static async Task<List<string>> CheckAsync(JourneyResult[] results, string storage)
    {
        var problems = new List<string>();
        foreach (var result in results)
        {
            var expected = result.Expected.ToString().ToLowerInvariant();
            if (result.Failure is not null || result.FinalStatus != expected)
                problems.Add($"guest {result.Guest} ({result.ApplicationId}) should be {expected}: {result.Failure ?? result.FinalStatus}");
        }

        // What storage holds, whatever the API said: the visas by application, and the PDFs. A table or container
        // that was never created (no visa was issued) holds none.
        var visasByApplication = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var blobs = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            await foreach (var visa in new TableClient(storage, VisaStore.VisasTable).QueryAsync<TableEntity>(select: ["PartitionKey", "ApplicationId"]))
            {
                var applicationId = visa.GetString("ApplicationId") ?? "?";
                if (!visasByApplication.TryGetValue(applicationId, out var numbers))
                    visasByApplication[applicationId] = numbers = [];
                numbers.Add(visa.PartitionKey);
            }

            await foreach (var blob in new BlobContainerClient(storage, VisaStore.Container).GetBlobsAsync())
                blobs.Add(blob.Name);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
        }

        foreach (var result in results.Where(r => r.ApplicationId is not null))
        {
            var numbers = visasByApplication.GetValueOrDefault(result.ApplicationId!) ?? [];
            var wanted = result.Expected == JourneyEnd.Issued ? 1 : 0;
            if (numbers.Count != wanted)
                problems.Add($"application {result.ApplicationId} has {numbers.Count} visas, not {wanted}");
            if (numbers.Count == 1 && !blobs.Contains(VisaStore.BlobNameFor(numbers[0])))
                problems.Add($"application {result.ApplicationId}: visa {numbers[0]} has no PDF blob");
        }

        var paid = results.Count(r => r.Expected == JourneyEnd.Issued);
        if (blobs.Count != paid)
            problems.Add($"{blobs.Count} visa PDFs in storage for {paid} paid applications");

        // Every payment the guests send matches its request and is sent once (repeats keep its event id), so a payment
        // in the officers' review queue is one the service lost track of.
        try
        {
            await foreach (var review in new TableClient(storage, PaymentTables.PaymentReviews).QueryAsync<TableEntity>(select: ["ApplicationId", "Reason"]))
                problems.Add($"application {review.GetString("ApplicationId")}: its payment is in review ({review.GetString("Reason")})");
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
        }

        return problems;
    }
}
