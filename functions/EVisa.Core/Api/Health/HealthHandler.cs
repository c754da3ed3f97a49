using Azure.Data.Tables;
using EVisa.Core.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace EVisa.Core.Api.Health;

/// <summary>
/// <c>GET /api/health</c>: whether this instance can reach its storage, for load balancers and operators. Open to
/// anyone and says nothing about the data. A storage fault answers 503, so a probe can tell it from a crash.
/// </summary>
public sealed class HealthHandler(StorageTables tables, ILogger<HealthHandler> logger)
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);

    public async Task<IActionResult> HandleAsync(HttpRequest request)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(request.HttpContext.RequestAborted);
        timeout.CancelAfter(Budget);
        try
        {
            var table = await tables.GetAsync(StorageTables.TimerRuns).WaitAsync(timeout.Token);
            await foreach (var _ in table.QueryAsync<TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: timeout.Token))
                break;
            return new OkObjectResult(new { status = "healthy", storage = "reachable" });
        }
        // Whatever the storage client throws (a failed request, its retries exhausted as an AggregateException, the
        // budget's timeout), storage is not answering; only the caller hanging up is not ours to report.
        catch (Exception e) when (!request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            logger.LogWarning("Health check: storage unreachable ({Error})", e.GetType().Name);
            return StorageOutage.Problem();
        }
    }
}
