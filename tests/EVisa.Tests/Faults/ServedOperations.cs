using System.Text.Json;
using System.Text.RegularExpressions;
using EVisa.DevServer;
using EVisa.Tests.Infrastructure;

namespace EVisa.Tests.Faults;

/// <summary>One operation of the served OpenAPI document: method, route template (under /api), operation id, query parameters.</summary>
public sealed partial record ServedOperation(string Method, string Path, string OperationId, bool HasBody,
    IReadOnlyList<string> QueryParameters)
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    public HttpMethod HttpMethod => new(Method.ToUpperInvariant());

    public IReadOnlyList<string> PathParameters => PathParameter().Matches(Path).Select(m => m.Groups[1].Value).ToList();

    /// <summary>The request path with each parameter replaced by <paramref name="value"/>'s answer for it (escaped).</summary>
    public string PathWith(Func<string, string> value) =>
        "/api" + PathParameter().Replace(Path, m => Uri.EscapeDataString(value(m.Groups[1].Value)));

    public override string ToString() => $"{Method.ToUpperInvariant()} {Path} ({OperationId})";

    /// <summary>
    /// Every operation the service documents. The OpenAPI tests hold this document equal to the functions.metadata the
    /// build publishes, so reading routes from here means a new function is in these tests without anyone adding it.
    /// </summary>
    public static async Task<IReadOnlyList<ServedOperation>> ReadAsync(DevServerHost server)
    {
        using var response = await server.Client().GetAsync("/api/openapi.json");
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var operations = new List<ServedOperation>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var item in path.Value.EnumerateObject().Where(p => Methods.Contains(p.Name)))
            {
                var query = item.Value.TryGetProperty("parameters", out var parameters)
                    ? parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query")
                        .Select(p => p.GetProperty("name").GetString()!).ToList()
                    : [];
                operations.Add(new ServedOperation(item.Name, path.Name, item.Value.GetProperty("operationId").GetString()!,
                    item.Value.TryGetProperty("requestBody", out _), query));
            }
        }

        Assert.NotEmpty(operations);
        return operations;
    }

    [GeneratedRegex(@"\{([^}]+)\}")]
    private static partial Regex PathParameter();
}
