using System.Reflection;
using System.Text.Json;
using EVisa.DevServer;
using EVisa.DevServer.Configuration;
using EVisa.DevServer.Identity;
using EVisa.DevServer.Payments;
using EVisa.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EVisa.Tests.Foundation;

/// <summary>
/// The two hosts cannot drift: what the Functions build publishes in functions.metadata is exactly what the
/// DevServer serves and registers.
/// </summary>
public sealed class FunctionContractTests
{
    [Fact]
    public async Task DevServer_serves_exactly_the_functions_in_the_published_metadata()
    {
        var metadata = ReadFunctionsMetadata();
        var server = await TestServers.SharedAsync();

        var publishedRoutes = metadata
            .Where(f => f.Trigger == "httpTrigger")
            .SelectMany(f => f.Methods.Select(m => $"{m.ToUpperInvariant()} /api/{f.Route}"))
            .Order().ToList();
        var servedRoutes = server.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            // Development-only endpoints that are not functions: the token issuer and the simulated payment provider.
            .Where(e => e.RoutePattern.RawText is not (DevelopmentTokenEndpoint.Route or SimulatedPaymentProviderPage.Route)
                        && e.Metadata.GetMetadata<HttpMethodMetadata>() is not null)
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Order().ToList();
        Assert.NotEmpty(publishedRoutes);
        Assert.Equal(publishedRoutes, servedRoutes);

        Assert.Equal(Names(metadata, "orchestrationTrigger"), server.Catalog.Orchestrators.Select(f => f.Name).Order());
        Assert.Equal(Names(metadata, "activityTrigger"), server.Catalog.Activities.Select(f => f.Name).Order());
        Assert.Equal(
            metadata.Where(f => f.Trigger == "timerTrigger").Select(f => $"{f.Name} {f.Schedule}").Order(),
            server.Catalog.Timers.Select(f => $"{f.Name} {f.Schedule}").Order());
        Assert.Equal("api", DevServerHost.RoutePrefix());
    }

    private static IEnumerable<string> Names(IEnumerable<PublishedFunction> metadata, string trigger) =>
        metadata.Where(f => f.Trigger == trigger).Select(f => f.Name).Order();

    private sealed record PublishedFunction(string Name, string Trigger, string? Route, IReadOnlyList<string> Methods, string? Schedule);

    /// <summary>The metadata the Functions SDK generated in this build's output: what Azure would load.</summary>
    private static List<PublishedFunction> ReadFunctionsMetadata()
    {
        var configuration = typeof(FunctionContractTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var path = Path.Combine(RepositoryRoot.Find()!, "functions", "EVisa.Functions", "bin", configuration, "net10.0", "functions.metadata");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.EnumerateArray().Select(function =>
        {
            var trigger = function.GetProperty("bindings").EnumerateArray()
                .Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
            return new PublishedFunction(
                function.GetProperty("name").GetString()!,
                trigger.GetProperty("type").GetString()!,
                trigger.TryGetProperty("route", out var route) ? route.GetString() : null,
                trigger.TryGetProperty("methods", out var methods) ? methods.EnumerateArray().Select(m => m.GetString()!).ToList() : [],
                trigger.TryGetProperty("schedule", out var schedule) ? schedule.GetString() : null);
        }).ToList();
    }
}
