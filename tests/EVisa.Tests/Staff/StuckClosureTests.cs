using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using EVisa.Core.Notifications;
using EVisa.Core.Payments;
using EVisa.Core.Reminders;
using EVisa.Core.Storage;
using EVisa.Core.Workflow;
using EVisa.DevServer;
using EVisa.Tests.Foundation;
using EVisa.Tests.Infrastructure;
using EVisa.Tests.Pipeline;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace EVisa.Tests.Staff;

/// <summary>
/// Stuck applications closed by officers over real HTTP, on the real durable runtime: restarted (a new orchestration
/// under the application's id, from its row, that then moves on) or ended (cancelled, the applicant told, the
/// open-application slot freed, R6); each closure final, with a note, who and when.
/// </summary>
public sealed class StuckClosureTests
{
    [Fact]
    public async Task A_terminated_application_restarted_by_an_officer_moves_on_when_its_applicant_confirms()
    {
        var server = await TestServers.SharedAsync();
        var scenario = new PipelineScenario(server);
        var id = await scenario.ApplyAsync();
        await LoseOrchestrationAsync(server, id, ApplicationStatus.AwaitingConfirmation);
        var path = $"/api/applications/{id}/stuck-closure";

        await TokenTests.AssertProblemAsync(await scenario.Officer.PostAsJsonAsync(path, new { outcome = "restarted", note = " " }),
            HttpStatusCode.BadRequest, "validation-failed");
        var restarted = await scenario.Officer.PostAsJsonAsync(path, new { outcome = "restarted", note = "instance terminated by mistake" });
        Assert.Equal(HttpStatusCode.OK, restarted.StatusCode);
        var item = await restarted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(id, item.GetProperty("applicationId").GetString());
        Assert.Equal("restarted", item.GetProperty("closure").GetProperty("outcome").GetString());
        Assert.Equal("instance terminated by mistake", item.GetProperty("closure").GetProperty("note").GetString());

        // The new orchestration waits for the confirmation as the first did, and moves the application on.
        Assert.Equal(HttpStatusCode.Accepted, (await scenario.Applicant.PostAsync($"/api/applications/{id}/confirmation", null)).StatusCode);
        await scenario.StatusBecomesAsync(id, "awaiting-payment");

        await TokenTests.AssertProblemAsync(await scenario.Officer.PostAsJsonAsync(path, new { outcome = "ended", note = "again" }),
            HttpStatusCode.Conflict, "already-closed");
        Assert.DoesNotContain(await StuckAsync(scenario.Officer, ""), i => i.GetProperty("applicationId").GetString() == id);
        Assert.Single(await StuckAsync(scenario.Officer, "state=closed"), i => i.GetProperty("applicationId").GetString() == id);
    }

    [Fact]
    [Trait("Rule", "R6")]
    public async Task An_application_ended_by_an_officer_is_cancelled_its_applicant_told_and_its_slot_freed()
    {
        var server = await TestServers.SharedAsync();
        var scenario = new PipelineScenario(server);
        var id = await scenario.AwaitingPaymentAsync();
        await LoseOrchestrationAsync(server, id, ApplicationStatus.AwaitingPayment);

        var ended = await scenario.Officer.PostAsJsonAsync($"/api/applications/{id}/stuck-closure",
            new { outcome = "ended", note = "payment provider outage; applicant to reapply" });
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        Assert.Equal("ended", (await ended.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("closure").GetProperty("outcome").GetString());

        await scenario.StatusBecomesAsync(id, "cancelled");
        Assert.Equal(PaymentRequestState.Closed, (await server.Services.GetRequiredService<PaymentRequestStore>().GetByApplicationAsync(id))!.State);
        var outbox = await server.Services.GetRequiredService<StorageTables>().GetAsync(StorageTables.Outbox);
        Assert.True((await outbox.GetEntityIfExistsAsync<TableEntity>(id, NoticeTemplateIds.ApplicationEnded)).HasValue);
        // R6: the passport's slot for the category is free again: a new application is accepted, not refused as a second one.
        Assert.Equal("awaiting-confirmation", (await scenario.ApplyForViewAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_application_that_is_not_stuck_answers_404()
    {
        var server = await TestServers.SharedAsync();
        var scenario = new PipelineScenario(server);
        await TokenTests.AssertProblemAsync(await scenario.Officer.PostAsJsonAsync($"/api/applications/{Guid.NewGuid():N}/stuck-closure",
            new { outcome = "ended", note = "checked" }), HttpStatusCode.NotFound, "not-stuck");
    }

    /// <summary>Terminates the application's orchestration and reports it stuck, as the sweep does after the wait and its grace.</summary>
    internal static async Task LoseOrchestrationAsync(DevServerHost server, string id, ApplicationStatus status)
    {
        var durable = server.Services.GetRequiredService<DurableTaskClient>();
        await durable.TerminateInstanceAsync(id, "lost, as a test");
        await Eventually.ReturnsAsync(() => durable.GetInstanceAsync(id, getInputsAndOutputs: false),
            i => i?.RuntimeStatus == OrchestrationRuntimeStatus.Terminated, what: $"instance {id} terminated");
        var since = (await server.Services.GetRequiredService<ApplicationStatusStore>().GetAsync(id))!.StatusChangedAt;
        Assert.True(await server.Services.GetRequiredService<StuckApplicationStore>().TryReportAsync(
            new StuckApplication(id, status, since, DateTimeOffset.UtcNow, "terminated")));
    }

    private static async Task<List<JsonElement>> StuckAsync(HttpClient officer, string query) =>
        [.. (await InvitationListTests.PagesAsync(officer, $"/api/applications/stuck?{query}".TrimEnd('?'), 100)).SelectMany(p => p)];
}
