using System.Globalization;

namespace EVisa.Bench.Load;

/// <summary>
/// How long the service asked polling clients to wait (<c>Retry-After</c>), counted by value, and how many status
/// reads asked for nothing (the client then waits its fallback interval). Printed, so a run shows how it was polled.
/// </summary>
public sealed class RetryAfterCounts
{
    private readonly Dictionary<string, int> _counts = [];
    private readonly Lock _lock = new();

    public void Add(TimeSpan? asked)
    {
        var key = asked is { } wait ? $"{wait.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s" : "none";
        lock (_lock)
            _counts[key] = _counts.GetValueOrDefault(key) + 1;
    }

    public override string ToString()
    {
        lock (_lock)
        {
            return _counts.Count == 0
                ? "no status reads"
                : string.Join(", ", _counts.OrderByDescending(p => p.Value).Select(p => $"{p.Key} × {p.Value}"));
        }
    }
}
