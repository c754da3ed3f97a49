using System.Diagnostics;

namespace EVisa.Bench.Load;

/// <summary>Times every request under its route template (ids replaced by <c>{id}</c>), and counts 5xx answers.</summary>
public sealed class RouteTimingHandler(Latencies latencies) : DelegatingHandler(new SocketsHttpHandler
{
    MaxConnectionsPerServer = 512,
    PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
})
{
    private static readonly HashSet<string> Collections = ["invitations", "applications", "visas"];

    private int _serverErrors;

    public int ServerErrors => Volatile.Read(ref _serverErrors);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var route = $"{request.Method} {Template(request.RequestUri!.AbsolutePath)}";
        var watch = Stopwatch.StartNew();
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            if ((int)response.StatusCode >= 500)
                Interlocked.Increment(ref _serverErrors);
            latencies.Add(route, watch.Elapsed, failed: !response.IsSuccessStatusCode);
            return response;
        }
        catch (HttpRequestException)
        {
            latencies.Add(route, watch.Elapsed, failed: true);
            throw;
        }
    }

    public static string Template(string path)
    {
        var segments = path.Split('/');
        for (var i = 1; i < segments.Length; i++)
        {
            if (Collections.Contains(segments[i - 1]) && segments[i].Length > 0)
                segments[i] = "{id}";
        }

        return string.Join('/', segments);
    }
}

/// <summary>
/// For the fault scenarios: a client that keeps trying while the service or its storage is down, as a person's
/// browser or the payment provider would. Every POST it sends is safe to repeat (an Idempotency-Key, the same event
/// id, or an action whose repeat answers 409), which the journeys account for.
/// </summary>
public sealed class PatientRetryHandler(HttpMessageHandler inner, TimeSpan patience) : DelegatingHandler(inner)
{
    private int _retries;

    public int Retries => Volatile.Read(ref _retries);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                var response = await base.SendAsync(request, cancellationToken);
                if ((int)response.StatusCode < 500 || deadline.Elapsed > patience)
                    return response;
                response.Dispose();
            }
            catch (HttpRequestException) when (deadline.Elapsed < patience)
            {
            }

            Interlocked.Increment(ref _retries);
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
    }
}
