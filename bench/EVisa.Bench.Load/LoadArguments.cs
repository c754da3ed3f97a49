using System.Globalization;

namespace EVisa.Bench.Load;

/// <summary>
/// <c>[load|kill|storage-restart] [--applications N] [--concurrency C] [--poll-ms P]</c>. The load defaults to
/// 500 applications, 50 at a time; the fault scenarios run every application at once, 150 by default.
/// </summary>
public sealed record LoadArguments(string Scenario, int Applications, int Concurrency, TimeSpan PollInterval)
{
    public const string Usage =
        "usage: dotnet run -c Release --project bench/EVisa.Bench.Load -- [load|kill|storage-restart] " +
        "[--applications 500] [--concurrency 50] [--poll-ms 200]";

    public static bool TryParse(string[] args, out LoadArguments arguments, out string? error)
    {
        var scenario = "load";
        int applications = 0, concurrency = 50, poll = 200;
        error = null;
        for (var i = 0; i < args.Length && error is null; i++)
        {
            switch (args[i])
            {
                case "load" or "kill" or "storage-restart":
                    scenario = args[i];
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
        arguments = new LoadArguments(scenario, applications, concurrency, TimeSpan.FromMilliseconds(poll));
        return error is null;
    }

    private static bool Positive(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;
}
