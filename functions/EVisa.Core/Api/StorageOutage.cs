using System.Globalization;
using System.Net.Sockets;
using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace EVisa.Core.Api;

/// <summary>
/// A request that failed because storage did not answer (restarting, throttled, unreachable) is the service's
/// trouble, not the client's mistake, and usually brief: it answers 503 <c>storage-unreachable</c> with
/// <c>Retry-After</c>, so a browser or the payment provider tries again, instead of a bare 500.
/// </summary>
public static class StorageOutage
{
    public const int RetryAfterSeconds = 5;

    /// <summary>
    /// The storage client's faults: a request with no answer (status 0) or a server-side one, also when its retries
    /// ran out (an AggregateException of them), and the network errors beneath them.
    /// </summary>
    public static bool Is(Exception exception) => exception switch
    {
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(Is),
        RequestFailedException failed => failed.Status is 0 or StatusCodes.Status408RequestTimeout or >= 500,
        HttpRequestException or SocketException => true,
        _ => exception.InnerException is { } inner && Is(inner),
    };

    public static IActionResult Problem() => new RetryLater(Problems.Create(StatusCodes.Status503ServiceUnavailable,
        "storage-unreachable", "The service cannot reach its storage; try again shortly."));

    private sealed class RetryLater(ObjectResult problem) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context)
        {
            context.HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return problem.ExecuteResultAsync(context);
        }
    }
}
