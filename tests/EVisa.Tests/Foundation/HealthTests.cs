using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EVisa.Tests.Infrastructure;

namespace EVisa.Tests.Foundation;

public sealed class HealthTests
{
    [Fact]
    public async Task Health_is_ok_when_storage_answers()
    {
        var server = await TestServers.SharedAsync();
        var response = await server.Client().GetAsync("/api/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("healthy", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Health_is_503_problem_when_storage_is_gone()
    {
        var logs = new CapturedLogs();
        var azurite = await EVisa.DevServer.Storage.AzuriteProcess.StartAsync(EVisa.DevServer.Configuration.RepositoryRoot.Find()!,
            dataFolder: null, ports: null, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, CancellationToken.None);
        await using var server = await TestServers.StartAsync(TestServers.UniqueHub("health"), logs,
            settings: new Dictionary<string, string?> { ["AzureWebJobsStorage"] = azurite.ConnectionString });
        Assert.Equal(HttpStatusCode.OK, (await server.Client().GetAsync("/api/health")).StatusCode);

        await azurite.DisposeAsync();

        var response = await server.Client().GetAsync("/api/health");
        await TokenTests.AssertProblemAsync(response, HttpStatusCode.ServiceUnavailable, "storage-unreachable");
    }
}
