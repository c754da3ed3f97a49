using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace EVisa.Core.Api.Visas;

/// <summary>Reads a small JSON request body; a body that is not JSON of the expected shape is a 400 problem, never a 500.</summary>
public static class JsonBody
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static async Task<(T? Body, IActionResult? Problem)> ReadAsync<T>(HttpRequest request) where T : class
    {
        try
        {
            var body = await JsonSerializer.DeserializeAsync<T>(request.Body, Options, request.HttpContext.RequestAborted);
            if (body is not null)
                return (body, null);
        }
        catch (JsonException)
        {
            // Answered below, without echoing the parser's message (it may quote the body).
        }

        return (null, Problems.Create(StatusCodes.Status400BadRequest, "malformed-body", "The request body is not the expected JSON object."));
    }
}
