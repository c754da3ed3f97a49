using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using EVisa.DevServer.Configuration;
using EVisa.Tests.Infrastructure;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Extensions;
using Microsoft.OpenApi.Readers;
using Microsoft.OpenApi.Validations;

namespace EVisa.Tests.Foundation;

/// <summary>
/// The OpenAPI document the service serves describes exactly the HTTP routes the Functions build publishes: none
/// undocumented, none documented that is missing, each under its function's name, every path parameter declared.
/// </summary>
public sealed partial class OpenApiTests
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    [Fact]
    public async Task The_served_document_is_OpenAPI_3_and_names_every_operation()
    {
        using var document = await FetchAsync();
        var root = document.RootElement;

        Assert.StartsWith("3.", root.GetProperty("openapi").GetString());
        Assert.Equal("/api", root.GetProperty("servers")[0].GetProperty("url").GetString());
        var operations = Operations(root).ToList();
        Assert.NotEmpty(operations);
        Assert.All(operations, o => Assert.False(string.IsNullOrWhiteSpace(o.OperationId), $"{o.Method} {o.Path} has no operationId"));
        Assert.Equal(operations.Count, operations.Select(o => o.OperationId).Distinct().Count());
    }

    [Fact]
    public async Task The_served_document_is_valid_OpenAPI_3_0()
    {
        var server = await TestServers.SharedAsync();
        var text = await server.Client().GetStringAsync("/api/openapi.json");

        var document = new OpenApiStringReader().Read(text, out var diagnostic);

        Assert.Equal(OpenApiSpecVersion.OpenApi3_0, diagnostic.SpecificationVersion);
        Assert.Empty(diagnostic.Errors.Select(e => $"{e.Pointer}: {e.Message}"));
        Assert.Empty(document.Validate(ValidationRuleSet.GetDefaultRuleSet()).Select(e => $"{e.Pointer}: {e.Message}"));
        Assert.Empty(diagnostic.Warnings.Select(e => $"{e.Pointer}: {e.Message}"));
    }

    [Fact]
    public async Task The_document_describes_exactly_the_published_HTTP_routes_under_their_function_names()
    {
        using var document = await FetchAsync();
        var documented = Operations(document.RootElement)
            .Select(o => $"{o.Method.ToUpperInvariant()} {o.Path} {o.OperationId}").Order().ToList();
        var published = ReadHttpFunctions()
            .SelectMany(f => f.Methods.Select(m => $"{m.ToUpperInvariant()} /{f.Route} {f.Name}")).Order().ToList();

        Assert.NotEmpty(published);
        Assert.Empty(published.Except(documented)); // undocumented (or under another operationId)
        Assert.Empty(documented.Except(published)); // documented but not served
        Assert.Equal(published, documented);
    }

    [Fact]
    public async Task Every_path_parameter_is_declared_by_its_operation()
    {
        using var document = await FetchAsync();
        foreach (var operation in Operations(document.RootElement))
        {
            var inPath = PathParameter().Matches(operation.Path).Select(m => m.Groups[1].Value).Order().ToList();
            var declared = operation.Parameters
                .Where(p => p.GetProperty("in").GetString() == "path")
                .Select(p =>
                {
                    Assert.True(p.GetProperty("required").GetBoolean(), $"{operation.OperationId}: path parameter not required");
                    return p.GetProperty("name").GetString()!;
                })
                .Order().ToList();
            Assert.True(inPath.SequenceEqual(declared),
                $"{operation.OperationId}: path has [{string.Join(", ", inPath)}], declares [{string.Join(", ", declared)}]");
        }
    }

    private static async Task<JsonDocument> FetchAsync()
    {
        var server = await TestServers.SharedAsync();
        using var response = await server.Client().GetAsync("/api/openapi.json");
        response.EnsureSuccessStatusCode();
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    private sealed record Operation(string Method, string Path, string? OperationId, IReadOnlyList<JsonElement> Parameters);

    /// <summary>Each operation with its parameters: the path item's and its own (its own win by name and place).</summary>
    private static IEnumerable<Operation> Operations(JsonElement root)
    {
        foreach (var path in root.GetProperty("paths").EnumerateObject())
        {
            var shared = path.Value.TryGetProperty("parameters", out var s) ? s.EnumerateArray().ToList() : [];
            foreach (var item in path.Value.EnumerateObject().Where(p => Methods.Contains(p.Name)))
            {
                var own = item.Value.TryGetProperty("parameters", out var o) ? o.EnumerateArray().ToList() : [];
                var parameters = own.Concat(shared)
                    .DistinctBy(p => (p.GetProperty("name").GetString(), p.GetProperty("in").GetString())).ToList();
                yield return new Operation(item.Name, path.Name,
                    item.Value.TryGetProperty("operationId", out var id) ? id.GetString() : null, parameters);
            }
        }
    }

    private sealed record HttpFunction(string Name, string Route, IReadOnlyList<string> Methods);

    /// <summary>The HTTP functions in the functions.metadata this build generated: what Azure would serve.</summary>
    private static List<HttpFunction> ReadHttpFunctions()
    {
        var configuration = typeof(OpenApiTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var path = Path.Combine(RepositoryRoot.Find()!, "functions", "EVisa.Functions", "bin", configuration, "net10.0", "functions.metadata");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.EnumerateArray()
            .Select(function => (Name: function.GetProperty("name").GetString()!, Trigger: function.GetProperty("bindings").EnumerateArray()
                .Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal))))
            .Where(f => f.Trigger.GetProperty("type").GetString() == "httpTrigger")
            .Select(f => new HttpFunction(f.Name, f.Trigger.GetProperty("route").GetString()!,
                f.Trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!).ToList()))
            .ToList();
    }

    [GeneratedRegex(@"\{([^}]+)\}")]
    private static partial Regex PathParameter();
}
