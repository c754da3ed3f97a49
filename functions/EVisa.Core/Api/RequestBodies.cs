using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace EVisa.Core.Api;

/// <summary>A request body read whole: its bytes (for hashing) and its JSON object.</summary>
public sealed record JsonBody(byte[] Bytes, JsonElement Root);

/// <summary>
/// Reads a body with a size cap, so an oversize or malformed body is a 413 or 400 problem before any
/// handler logic, never a 500.
/// </summary>
public static class RequestBodies
{
    public const int MaxBytes = 64 * 1024;

    public static async Task<(JsonBody? Body, IActionResult? Problem)> ReadObjectAsync(HttpRequest request)
    {
        if (await ReadBoundedAsync(request, MaxBytes) is not { } bytes)
            return (null, TooLarge());
        try
        {
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 16 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return (null, Problems.Validation(new Dictionary<string, string[]> { ["$"] = ["The body must be a JSON object."] }));
            if (!JsonStrings.AllReadable(document.RootElement))
                return (null, Problems.Create(StatusCodes.Status400BadRequest, "malformed-json", "The body has text that is not valid UTF-8 or UTF-16."));
            return (new JsonBody(bytes, document.RootElement.Clone()), null);
        }
        catch (JsonException)
        {
            return (null, Problems.Create(StatusCodes.Status400BadRequest, "malformed-json", "The body is not valid JSON."));
        }
    }

    /// <summary>A small JSON object body bound to <typeparamref name="T"/>; a body of another shape is a 400 problem.</summary>
    public static async Task<(T? Body, IActionResult? Problem)> ReadAsync<T>(HttpRequest request) where T : class
    {
        var (body, problem) = await ReadObjectAsync(request);
        if (body is null)
            return (null, problem);
        try
        {
            if (body.Root.Deserialize<T>(JsonSerializerOptions.Web) is { } bound)
                return (bound, null);
        }
        catch (JsonException)
        {
            // Answered below, without echoing the parser's message (it may quote the body).
        }

        return (null, Problems.Create(StatusCodes.Status400BadRequest, "malformed-json", "The body is not the expected JSON object."));
    }

    /// <summary>
    /// The whole body, or null when it is larger than <paramref name="limit"/> bytes: refused at once on its
    /// Content-Length, and as soon as it passes the limit while read (no Content-Length is trusted).
    /// </summary>
    public static async Task<byte[]?> ReadBoundedAsync(HttpRequest request, int limit)
    {
        if (request.ContentLength > limit)
            return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > limit)
                return null;
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static ObjectResult TooLarge() =>
        Problems.Create(StatusCodes.Status413PayloadTooLarge, "payload-too-large", $"The body is larger than {MaxBytes / 1024} KB.");
}
