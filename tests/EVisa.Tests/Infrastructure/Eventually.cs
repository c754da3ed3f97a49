using System.Diagnostics;

namespace EVisa.Tests.Infrastructure;

/// <summary>
/// Polls until a condition holds. Durable work is asynchronous, and the provider's own completion wait polls every
/// 2 s, so tests poll state themselves, briefly and with a generous ceiling for a loaded 2-core machine.
/// </summary>
public static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? timeout = null, string? what = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await probe();
            if (done(value))
                return value;
            if (clock.Elapsed > limit)
                throw new TimeoutException($"Not done after {limit.TotalSeconds:0} s: {what ?? "condition"}; last value {value}.");
            await Task.Delay(100);
        }
    }
}
