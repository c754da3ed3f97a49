using System.Text.RegularExpressions;

namespace EVisa.Bench.Load;

/// <summary>
/// Storage requests counted from Azurite's debug log (one <c>RequestMethod=… RequestURL=…</c> line per request),
/// grouped by what they touch: a table, a queue or a blob container, with the task hub's name taken out.
/// </summary>
public static partial class StorageRequests
{
    /// <summary>How far the log has come: a mark to count from or to.</summary>
    public static long Mark(string? logPath) => logPath is null ? 0 : File.ReadLines(logPath).LongCount();

    /// <summary>The requests logged between two marks, by target, most frequent first.</summary>
    public static IReadOnlyList<(string Target, int Count)> Count(string logPath, string taskHub, long from, long to)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        long line = 0;
        foreach (var text in File.ReadLines(logPath))
        {
            if (line++ < from)
                continue;
            if (line > to)
                break;
            var match = Request().Match(text);
            if (!match.Success)
                continue;
            var service = match.Groups["service"].Value;
            var name = Uri.UnescapeDataString(match.Groups["name"].Value);
            var target = $"{service.ToLowerInvariant()} {match.Groups["method"].Value} {Target(name, taskHub)}";
            counts[target] = counts.GetValueOrDefault(target) + 1;
        }

        return counts.OrderByDescending(p => p.Value).Select(p => (p.Key, p.Value)).ToList();
    }

    /// <summary>Names without the entity keys or the hub: <c>Applications</c>, <c>{hub}History</c>, <c>{hub}-control-*</c>.</summary>
    private static string Target(string name, string taskHub)
    {
        var bare = name.Split('(', '/', '?')[0];
        if (bare.StartsWith(taskHub, StringComparison.OrdinalIgnoreCase))
            bare = "{hub}" + bare[taskHub.Length..];
        return ControlQueue().Replace(bare, "-control-*");
    }

    [GeneratedRegex(@"(?<service>(?i:blob|queue|table))StorageContextMiddleware: RequestMethod=(?<method>\w+) RequestURL=https?://[^/]+/devstoreaccount1/(?<name>[^\s]*)")]
    private static partial Regex Request();

    [GeneratedRegex(@"-control-\d+")]
    private static partial Regex ControlQueue();
}
