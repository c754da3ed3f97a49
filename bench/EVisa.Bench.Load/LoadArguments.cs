using System.Globalization;

namespace EVisa.Bench.Load;

/// <summary>
/// <c>[load|kill|storage-restart] [--applications N] [--concurrency C] [--poll-ms P]</c>. The load defaults to
/// 500 applications, 50 at a time; the fault scenarios run every application at once, 150 by default.
/// <c>--count-storage-requests</c> has Azurite log every request and prints what one application costs (Azurite
/// runs far slower so, so its throughput figures do not count).
/// </summary>
public sealed record LoadArguments(string Scenario, int Applications, int Concurrency, TimeSpan PollInterval,
    bool CountStorageRequests)
{
    public const string Usage =
        "usage: dotnet run -c Release --project bench/EVisa.Bench.Load -- [load|kill|storage-restart] " +
        "[--applications 500] [--concurrency 50] [--poll-ms 200] [--count-storage-requests]";

    public static bool TryParse(string[] args, out LoadArguments arguments, out string? error)
    {
        var scenario = "load";
        int applications = 0, concurrency = 50, poll = 200;
        var countStorageRequests = false;
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
                case "--applications" when i + 1 < args.Length && Positive(args[++i], out applications):
                case "--concurrency" when i + 1 < args.Length && Positive(args[++i], out concurrency):
                case "--poll-ms" when i + 1 < args.Length && Positive(args[++i], out poll):
                    break;
                default:
                    error = $"not understood: {args[i]}";
                    break;
            }
        }

        if (applications == 0)
            applications = scenario == "load" ? 500 : 150;
        if (scenario != "load" && applications < 100)
            error ??= "the fault scenarios need at least 100 applications in flight";
        arguments = new LoadArguments(scenario, applications, concurrency, TimeSpan.FromMilliseconds(poll), countStorageRequests);
        return error is null;
    }

    private static bool Positive(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;
}
