using System.Buffers.Text;
using System.Text;
using Azure;
using EVisa.Core.Identity;
using EVisa.Core.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace EVisa.Core.Api.Applications;

/// <summary>
/// <c>GET /api/applications?status=&amp;pageSize=&amp;continuationToken=</c>, for officers: one page of the applications
/// in a status, from the status index. The continuation token is opaque (base64url of the storage token).
/// </summary>
public sealed class ApplicationListHandler(RequestAuthorizer authorizer, ApplicationStatusStore applications)
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 200;

    public async Task<IActionResult> HandleAsync(HttpRequest request)
    {
        var authorization = await authorizer.AuthorizeAsync(request, Role.Officer);
        if (authorization.Caller is null)
            return authorization.Denial!;

        var errors = new Dictionary<string, string[]>();
        var status = ApplicationStatusStore.ParseStatus(request.Query["status"].ToString());
        if (status is null)
            errors["status"] = ["Give a status, e.g. status=awaiting-payment."];
        var pageSize = DefaultPageSize;
        var sizeText = request.Query["pageSize"].ToString();
        if (sizeText.Length > 0 && (!int.TryParse(sizeText, out pageSize) || pageSize is < 1 or > MaxPageSize))
            errors["pageSize"] = [$"Must be a whole number from 1 to {MaxPageSize}."];
        string? token = null;
        var tokenText = request.Query["continuationToken"].ToString();
        if (tokenText.Length > 0)
        {
            try
            {
                token = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(tokenText));
            }
            catch (FormatException)
            {
                errors["continuationToken"] = ["Is not a token this service gave."];
            }
        }

        if (errors.Count > 0)
            return Problems.Validation(errors);

        try
        {
            var (items, next) = await applications.ListAsync(status!.Value, pageSize, token, request.HttpContext.RequestAborted);
            return new OkObjectResult(new
            {
                Status = status.Value,
                Items = items,
                ContinuationToken = next is null ? null : Base64Url.EncodeToString(Encoding.UTF8.GetBytes(next)),
            });
        }
        catch (Exception e) when (token is not null && e is RequestFailedException or ArgumentException or FormatException or IndexOutOfRangeException)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["continuationToken"] = ["Is not a token this service gave."] });
        }
    }
}
