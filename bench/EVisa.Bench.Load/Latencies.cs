namespace EVisa.Bench.Load;

/// <summary>Durations by name, collected from many threads; percentiles by nearest rank.</summary>
public sealed class Latencies
{
    private readonly Dictionary<string, List<double>> _milliseconds = [];
    private readonly Dictionary<string, int> _failures = [];
    private readonly Lock _lock = new();

    public void Add(string name, TimeSpan duration, bool failed = false)
    {
        lock (_lock)
        {
            if (!_milliseconds.TryGetValue(name, out var list))
                _milliseconds[name] = list = [];
            list.Add(duration.TotalMilliseconds);
            if (failed)
                _failures[name] = _failures.GetValueOrDefault(name) + 1;
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _milliseconds.Clear();
            _failures.Clear();
        }
    }

    public IReadOnlyList<LatencySummary> Summaries()
    {
        lock (_lock)
        {
            return _milliseconds.OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => LatencySummary.Of(p.Key, p.Value, _failures.GetValueOrDefault(p.Key)))
                .ToList();
        }
    }

    public LatencySummary Summary(string name)
    {
        lock (_lock)
            return LatencySummary.Of(name, _milliseconds.GetValueOrDefault(name) ?? [], _failures.GetValueOrDefault(name));
    }
}

public sealed record LatencySummary(string Name, int Count, double P50, double P95, double P99, double Max, int Failures)
{
    public static LatencySummary Of(string name, IReadOnlyCollection<double> milliseconds, int failures)
    {
        var sorted = milliseconds.Order().ToArray();
        return new LatencySummary(name, sorted.Length, Rank(sorted, 0.50), Rank(sorted, 0.95), Rank(sorted, 0.99),
            sorted.Length == 0 ? double.NaN : sorted[^1], failures);
    }

    private static double Rank(double[] sorted, double quantile) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Max(0, (int)Math.Ceiling(quantile * sorted.Length) - 1)];
}
