using EVisa.Core.Audit;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace EVisa.Core.Api.Audit;

/// <summary>
/// <c>GET /api/audit?resourceType=&amp;resourceId=&amp;pageSize=&amp;continuationToken=</c>, for officers: what staff did
/// to one resource, newest first, a page at a time from the <c>AuditTrail</c> table.
/// </summary>
public sealed class AuditTrailHandler(AuditTrailStore auditTrail)
{
    private const int MaxLength = AuditTrailStore.MaxResourceIdLength;

    public Task<IActionResult> HandleAsync(HttpRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        var resourceType = Required(request, "resourceType", errors);
        var resourceId = Required(request, "resourceId", errors);
        return PageQuery.AnswerAsync(request, async (page, cancellationToken) =>
        {
            var (items, next) = await auditTrail.ListAsync(resourceType, resourceId, page.PageSize, page.StorageToken, cancellationToken);
            return new { Items = items, ContinuationToken = PageQuery.Next(next) };
        }, errors);
    }

    private static string Required(HttpRequest request, string name, Dictionary<string, string[]> errors)
    {
        var value = request.Query[name].ToString();
        if (value.Length is 0 or > MaxLength)
            errors[name] = [$"Give 1 to {MaxLength} characters, e.g. resourceType=visa&resourceId=<visa number>."];
        return value;
    }
}
