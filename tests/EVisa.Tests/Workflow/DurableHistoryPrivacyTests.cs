using System.IO.Compression;
using System.Net;
using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using EVisa.Core.Workflow;
using EVisa.DevServer.Payments;
using EVisa.Tests.Infrastructure;
using EVisa.Tests.Pipeline;
using EVisa.Tests.Reminders;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EVisa.Tests.Workflow;

/// <summary>
/// The task hub keeps every orchestration's inputs, events and outputs: they carry ids, dates and amounts only, the
/// person's data stays in the application's own row, and the history of ended orchestrations is purged after the
/// retention. On a DevServer of its own (its own task hub, on the Azure Storage provider behind the gRPC sidecar),
/// so every table and blob of that hub belongs to this test.
/// </summary>
public sealed class DurableHistoryPrivacyTests
{
    [Fact]
    public async Task A_whole_application_leaves_no_personal_data_in_the_task_hub_and_its_history_is_purged_after_the_retention()
    {
        var hub = TestServers.UniqueHub("privacy");
        await using var server = await TestServers.StartAsync(hub, new CapturedLogs());
        var scenario = new PipelineScenario(server)
        {
            Surname = "Q" + Letters(9),
            GivenNames = "Q" + Letters(9),
            DateOfBirth = "1987-11-23",
            Email = $"privacy-{Guid.NewGuid():N}@example.com",
        };
        var applicationId = await scenario.AwaitingPaymentAsync();
        var reference = (await scenario.StatusAsync(applicationId)).GetProperty("payment").GetProperty("paymentReference").GetString()!;
        var provider = new PaymentProviderSimulator(server.Client(), PaymentProviderSimulator.DevelopmentSecret);
        Assert.Equal(HttpStatusCode.OK,
            (await provider.SendAsync(new SimulatedPayment(reference, 8000, "USD", EventId: PaymentProviderSimulator.NewEventId()))).StatusCode);
        await scenario.StatusBecomesAsync(applicationId, "issued");
        var durable = server.Services.GetRequiredService<DurableTaskClient>();
        await Eventually.ReturnsAsync(() => durable.GetInstanceAsync(applicationId, getInputsAndOutputs: false),
            i => i?.RuntimeStatus == OrchestrationRuntimeStatus.Completed, what: "orchestration completed");
        // Another guest's application, still waiting for its confirmation.
        var waiting = await new PipelineScenario(server).ApplyAsync();
        await Eventually.ReturnsAsync(() => durable.GetInstanceAsync(waiting, getInputsAndOutputs: false),
            i => i?.RuntimeStatus == OrchestrationRuntimeStatus.Running, what: "second orchestration running");

        var stored = await TaskHubTextsAsync(hub);
        Assert.Contains(stored, s => s.Text.Contains(applicationId, StringComparison.Ordinal)); // the right hub was read
        foreach (var personal in new[] { scenario.PassportNumber, scenario.Surname, scenario.GivenNames, scenario.DateOfBirth, scenario.Email })
        {
            var found = stored.FirstOrDefault(s => s.Text.Contains(personal, StringComparison.OrdinalIgnoreCase));
            Assert.True(found.Where is null, $"personal data in the task hub, at {found.Where}");
        }

        // Within the retention nothing is purged; past it, the ended orchestration only.
        Assert.Equal(0, await Purge(DateTimeOffset.UtcNow).RunAsync(durable));
        Assert.Equal(1, await Purge(DateTimeOffset.UtcNow.AddDays(31)).RunAsync(durable));
        Assert.Null(await durable.GetInstanceAsync(applicationId, getInputsAndOutputs: false));
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await durable.GetInstanceAsync(waiting, getInputsAndOutputs: false))?.RuntimeStatus);
        Assert.DoesNotContain(await TaskHubTextsAsync(hub), s => s.Text.Contains(applicationId, StringComparison.Ordinal)
            && s.Where.Contains("History", StringComparison.Ordinal));
        // The application's own rows are not the task hub's: the issued visa stays visible.
        Assert.Equal("issued", (await scenario.StatusAsync(applicationId)).GetProperty("status").GetString());
    }

    private static HistoryPurge Purge(DateTimeOffset now) =>
        new(Options.Create(new WorkflowOptions()), new MovableClock(now), NullLogger<HistoryPurge>.Instance);

    /// <summary>Every property of every entity of the hub's tables, and every blob of its containers, as text.</summary>
    private static async Task<List<(string Where, string Text)>> TaskHubTextsAsync(string hub)
    {
        var connection = await SharedAzurite.ConnectionStringAsync();
        var texts = new List<(string Where, string Text)>();
        var tables = new TableServiceClient(connection);
        await foreach (var table in tables.QueryAsync())
        {
            if (!table.Name.StartsWith(hub, StringComparison.OrdinalIgnoreCase))
                continue;
            await foreach (var entity in tables.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                foreach (var (key, value) in entity)
                    texts.Add(($"table {table.Name} {entity.PartitionKey}/{entity.RowKey} {key}", Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? ""));
            }
        }

        Assert.Contains(texts, t => t.Where.Contains("History", StringComparison.Ordinal));
        var blobs = new BlobServiceClient(connection);
        await foreach (var container in blobs.GetBlobContainersAsync(prefix: hub.ToLowerInvariant()))
        {
            var client = blobs.GetBlobContainerClient(container.Name);
            await foreach (var blob in client.GetBlobsAsync())
            {
                var content = (await client.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToArray();
                texts.Add(($"blob {container.Name}/{blob.Name}", Text(content)));
            }
        }

        return texts;
    }

    /// <summary>The provider gzips large payloads it moves to blobs.</summary>
    private static string Text(byte[] content)
    {
        if (content is [0x1F, 0x8B, ..])
        {
            using var unzipped = new GZipStream(new MemoryStream(content), CompressionMode.Decompress);
            using var reader = new StreamReader(unzipped, Encoding.UTF8);
            return reader.ReadToEnd();
        }

        return Encoding.UTF8.GetString(content);
    }

    private static string Letters(int count) =>
        string.Concat(Guid.NewGuid().ToByteArray().Take(count).Select(b => (char)('A' + (b % 26))));
}
