using System.Buffers.Text;
using System.Text;
using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace EVisa.Core.Api;

/// <summary>
/// The paging of every list an inviter or officer reads: <c>pageSize</c> (1 to 100, default 20; one rule for all of
/// them, so a client pages each list the same way) and <c>continuationToken</c>, which is the table service's own token
/// in base64url, so clients treat it as opaque and cannot steer a query with it.
/// </summary>
public sealed record PageQuery(int PageSize, string? StorageToken)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public const string BadToken = "Is not a token this service gave.";

    /// <summary>
    /// The one shape of an officer's list: reads the page query (after the handler's own field errors, if any), and
    /// answers 400 with every field error, or 200 with the page <paramref name="read"/> lists.
    /// </summary>
    public static async Task<IActionResult> AnswerAsync(HttpRequest request, Func<PageQuery, CancellationToken, Task<object>> read,
        Dictionary<string, string[]>? fieldErrors = null)
    {
        var errors = fieldErrors ?? [];
        var page = Read(request, errors);
        if (page is null || errors.Count > 0)
            return Problems.Validation(errors);
        return await page.AnswerAsync(() => read(page, request.HttpContext.RequestAborted));
    }

    /// <summary>Reads the query; a bad value adds its field error and gives null.</summary>
    public static PageQuery? Read(HttpRequest request, IDictionary<string, string[]> errors)
    {
        var valid = true;
        var pageSize = DefaultPageSize;
        var sizeText = request.Query["pageSize"].ToString();
        if (sizeText.Length > 0 && (!int.TryParse(sizeText, out pageSize) || pageSize is < 1 or > MaxPageSize))
        {
            errors["pageSize"] = [$"Must be a whole number from 1 to {MaxPageSize}."];
            valid = false;
        }

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
                errors["continuationToken"] = [BadToken];
                valid = false;
            }
        }

        return valid ? new PageQuery(pageSize, token) : null;
    }

    /// <summary>
    /// Answers the page <paramref name="read"/> lists as 200. A failed query whose cause is the table service refusing a
    /// continuation token a client altered answers 400, like any bad field, not 500.
    /// </summary>
    public async Task<IActionResult> AnswerAsync(Func<Task<object>> read)
    {
        try
        {
            return new OkObjectResult(await read());
        }
        catch (Exception e) when (RejectsToken(e))
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["continuationToken"] = [BadToken] });
        }
    }

    private bool RejectsToken(Exception e) =>
        StorageToken is not null && e is RequestFailedException or ArgumentException or FormatException or IndexOutOfRangeException;

    /// <summary>The token for the next page, as clients see it; null on the last page.</summary>
    public static string? Next(string? storageToken) =>
        string.IsNullOrEmpty(storageToken) ? null : Base64Url.EncodeToString(Encoding.UTF8.GetBytes(storageToken));
}
