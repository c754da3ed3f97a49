using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using EVisa.Core.Api;
using EVisa.Core.Api.Health;
using EVisa.Core.Storage;
using EVisa.DevServer.Storage;
using EVisa.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging.Abstractions;

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
    public async Task Health_is_503_problem_when_storage_does_not_answer()
    {
        // A DevServer cannot start without storage, so the handler meets a storage endpoint where nothing listens.
        var nowhere = StorageEndpoints.DevelopmentConnectionString(LoopbackPort.Free(), LoopbackPort.Free(), LoopbackPort.Free());
        var handler = new HealthHandler(new StorageTables(new TableServiceClient(nowhere)), NullLogger<HealthHandler>.Instance);
        var context = new DefaultHttpContext { RequestServices = (await TestServers.SharedAsync()).Services };
        context.Response.Body = new MemoryStream();

        var result = await handler.HandleAsync(context.Request);
        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor()));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.StartsWith(Problems.ContentType, context.Response.ContentType, StringComparison.Ordinal);
        context.Response.Body.Position = 0;
        var problem = await JsonSerializer.DeserializeAsync<JsonElement>(context.Response.Body);
        Assert.Equal("storage-unreachable", problem.GetProperty("code").GetString());
        Assert.Equal(StorageOutage.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture), context.Response.Headers.RetryAfter.ToString());
    }
}
