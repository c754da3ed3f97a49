using EVisa.Core.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace EVisa.Core.Api.Applications;

/// <summary>
/// <c>GET /api/applications?status=&amp;pageSize=&amp;continuationToken=</c>, for officers: one page of the applications
/// in a status, from the status index. The continuation token is opaque (base64url of the storage token).
/// </summary>
public sealed class ApplicationListHandler(ApplicationStatusStore applications)
{
    public Task<IActionResult> HandleAsync(HttpRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        var status = ApplicationStatusStore.ParseStatus(request.Query["status"].ToString());
        if (status is null)
            errors["status"] = ["Give a status, e.g. status=awaiting-payment."];

        return PageQuery.AnswerAsync(request, async (page, cancellationToken) =>
        {
            var (items, next) = await applications.ListAsync(status!.Value, page.PageSize, page.StorageToken, cancellationToken);
            return new
            {
                Status = status.Value,
                Items = items,
                ContinuationToken = PageQuery.Next(next),
            };
        }, errors);
    }
}
