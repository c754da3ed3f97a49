using Microsoft.AspNetCore.Mvc;

namespace EVisa.Core.Api.OpenApi;

/// <summary>
/// <c>GET /api/openapi.json</c>: the OpenAPI 3 description of the whole HTTP interface, open to anyone. The document
/// is a hand-written file embedded in this assembly (<c>Api/OpenApi/openapi.json</c>), read once and served as is; a
/// test holds it to the routes the build actually publishes.
/// </summary>
public sealed class OpenApiHandler
{
    public const string ResourceName = "EVisa.Core.Api.OpenApi.openapi.json";

    private readonly Lazy<string> _document = new(Load);

    public IActionResult Handle() =>
        new ContentResult { Content = _document.Value, ContentType = "application/json", StatusCode = 200 };

    private static string Load()
    {
        using var stream = typeof(OpenApiHandler).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
