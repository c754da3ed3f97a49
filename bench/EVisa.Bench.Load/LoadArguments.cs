using System.Globalization;

namespace EVisa.Bench.Load;

/// <summary>Where Azurite keeps its data for a run: on disk (the DevServer's way) or in memory.</summary>
public enum AzuriteStore
{
    Disk,
    Memory,
}

/// <summary>
/// <c>[load|kill|storage-restart] [options]</c> (<see cref="Usage"/>). The load defaults to 500 applications, 50 at a
/// time, then as many again at an open-loop arrival rate of half the throughput just measured; the fault scenarios run
/// every application at once, 150 by default, and give up (exit 1) after <c>--time-limit-s</c>.
/// <c>--count-storage-requests</c> has Azurite log every request and prints what one application costs (Azurite
/// runs far slower so, so its throughput figures do not count). <c>--azurite both</c> and a list of partition counts
/// run the load once per combination, each on a fresh Azurite, and print a summary of them side by side.
/// </summary>
public sealed record LoadArguments(string Scenario, int Applications, int Concurrency, TimeSpan PollInterval,
    bool CountStorageRequests, IReadOnlyList<AzuriteStore> Stores, IReadOnlyList<int> PartitionCounts,
    int OpenLoopApplications, TimeSpan TimeLimit)
{
    public const string Usage =
        "usage: dotnet run -c Release --project bench/EVisa.Bench.Load -- [load|kill|storage-restart] " +
        "[--applications 500] [--concurrency 50] [--poll-ms 1000] [--open-loop-applications N (0: none)] " +
        "[--azurite disk|memory|both] [--partitions 4[,1,2...]] [--count-storage-requests] [--time-limit-s 600]";

    public static bool TryParse(string[] args, out LoadArguments arguments, out string? error)
    {
        var scenario = "load";
        int applications = 0, concurrency = 50, poll = 1000, openLoop = -1, timeLimit = 600;
        var countStorageRequests = false;
        AzuriteStore[] stores = [AzuriteStore.Disk];
        int[] partitions = [];
        error = null;
        for (var i = 0; i < args.Length && error is null; i++)
        {
            switch (args[i])
            {
                case "load" or "kill" or "storage-restart":
                    scenario = args[i];
                    break;
                case "--count-storage-requests":
                    countStorageRequests = true;
                    break;
                case "--azurite" when i + 1 < args.Length && StoresNamed(args[++i]) is { } chosen:
                    stores = chosen;
                    break;
                case "--partitions" when i + 1 < args.Length && Counts(args[++i]) is { } counts:
                    partitions = counts;
                    break;
                case "--open-loop-applications" when i + 1 < args.Length &&
                                                     int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out openLoop):
                case "--applications" when i + 1 < args.Length && Positive(args[++i], out applications):
                case "--concurrency" when i + 1 < args.Length && Positive(args[++i], out concurrency):
                case "--poll-ms" when i + 1 < args.Length && Positive(args[++i], out poll):
                case "--time-limit-s" when i + 1 < args.Length && Positive(args[++i], out timeLimit):
                    break;
                default:
                    error = $"not understood: {args[i]}";
                    break;
            }
        }

        if (applications == 0)
            applications = scenario == "load" ? 500 : 150;
        if (openLoop < 0)
            openLoop = applications;
        if (scenario != "load" && applications < 50)
            error ??= "the fault scenarios need at least 50 applications, so that enough are in flight when they strike";
        if (scenario != "load" && (stores.Length > 1 || partitions.Length > 1))
            error ??= "the fault scenarios run on one Azurite and one partition count";
        if (scenario == "storage-restart" && stores.Contains(AzuriteStore.Memory))
            error ??= "storage-restart needs Azurite on disk: in memory, a restart loses everything";
        arguments = new LoadArguments(scenario, applications, concurrency, TimeSpan.FromMilliseconds(poll), countStorageRequests,
            stores, partitions, openLoop, TimeSpan.FromSeconds(timeLimit));
        return error is null;
    }

    private static bool Positive(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;

    private static AzuriteStore[]? StoresNamed(string text) => text switch
    {
        "disk" => [AzuriteStore.Disk],
        "memory" => [AzuriteStore.Memory],
        "both" => [AzuriteStore.Disk, AzuriteStore.Memory],
        _ => null,
    };

    /// <summary>A comma-separated list of partition counts, each 1 to 16 (the provider's range).</summary>
    private static int[]? Counts(string text)
    {
        var counts = text.Split(',').Select(part => Positive(part, out var count) && count <= 16 ? count : 0).ToArray();
        return counts.Contains(0) ? null : counts;
    }
}
