namespace EVisa.Bench.Load;

/// <summary>Several load runs' figures, a row each: Azurite's store and the partition count beside what they gave.</summary>
public static class LoadSummary
{
    public static void Print(IReadOnlyList<LoadReport> reports)
    {
        Console.WriteLine();
        Console.WriteLine("| Azurite | partitions | product /s | bare /s | product ÷ bare | open loop /s | `POST /api/applications` p50 / p99 ms | " +
                          "confirmation → `awaiting-payment` p50 / p99 ms | payment → `issued` p50 / p99 ms | work items product / bare | " +
                          "storage requests product / bare | peak MiB | failed |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in reports)
        {
            var storage = r.StorageRequests is { } product ? $"{product:0} / {r.BareStorageRequests:0}" : "—";
            Console.WriteLine($"| {r.Store.ToString().ToLowerInvariant()} | {r.PartitionCount} | {r.ProductRate:0.00} | {r.BareRate:0.00} | " +
                              $"{r.ProductRate / r.BareRate:0.00} | {r.OpenLoopRate:0.00} | {Pair(r.Submission)} | {Pair(r.ToAwaitingPayment)} | " +
                              $"{Pair(r.ToIssued)} | {r.WorkItems:0.0} / {r.BareWorkItems:0.0} | {storage} | " +
                              $"{r.PeakMemory / (1024.0 * 1024):0} | {r.Failures} |");
        }

        Console.WriteLine("(latencies from the open-loop phase, as the service recorded them; the submission's as the client timed it)");
    }

    private static string Pair(LatencySummary s) => s.Count == 0 ? "—" : $"{s.P50:0} / {s.P99:0}";
}
