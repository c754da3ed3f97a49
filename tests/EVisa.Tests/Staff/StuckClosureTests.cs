using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
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

    /// <summary>
    /// The process dies in the middle of an officer's closure, after the item was claimed (or, before the fix, closed):
    /// at the action's first write (the restart's stuck check once the new orchestration started; the end's close of the
    /// payment request) or at the item's close after the action. The retry, as another process would make it, finishes
    /// the job: the item closed with the officer's closure and the application restarted (one orchestration, that moves
    /// on) or ended (cancelled, its request closed, its applicant told). Had the item been closed before the action, a
    /// crash there would leave it closed with nothing done and no officer seeing it.
    /// </summary>
    [Theory]
    [InlineData("restarted", "action")]
    [InlineData("ended", "action")]
    [InlineData("restarted", "close")]
    [InlineData("ended", "close")]
    public async Task A_closure_cut_short_by_a_crash_is_finished_by_the_retry_once(string outcome, string crashAt)
    {
        var server = await TestServers.SharedAsync();
        var services = server.Services;
        var scenario = new PipelineScenario(server);
        var restart = outcome == StuckApplicationClosing.Restarted;
        var id = restart ? await scenario.ApplyAsync() : await scenario.AwaitingPaymentAsync();
        await LoseOrchestrationAsync(server, id, restart ? ApplicationStatus.AwaitingConfirmation : ApplicationStatus.AwaitingPayment);
        var durable = services.GetRequiredService<DurableTaskClient>();
        var closure = new Closure(outcome, "lost in a provider outage", "officer-crash", DateTimeOffset.UtcNow);

        // The item's writes are its claim (before the fix: its close) and its close; the action writes on its own client.
        var death = crashAt == "action" ? new ProcessDeath("action", 1) : new ProcessDeath("item", 2);
        var crashing = await ClosingOnAsync(services, death);
        await Assert.ThrowsAsync<InvalidOperationException>(() => crashing.CloseAsync(id, closure, durable, CancellationToken.None));
        Assert.True(death.Dead);
        var startedBeforeTheCrash = await durable.GetInstanceAsync(id);

        var retried = await services.GetRequiredService<StuckApplicationClosing>().CloseAsync(id, closure, durable, CancellationToken.None);

        Assert.Equal(StuckClosureDecision.Closed, retried.Decision);
        AssertClosure(closure, retried.Closed!.Closure);
        var (item, open) = await services.GetRequiredService<StuckApplicationStore>().FindAsync(id);
        Assert.Null(open);
        AssertClosure(closure, item!.Closure);
        Assert.DoesNotContain(await StuckAsync(scenario.Officer, ""), i => i.GetProperty("applicationId").GetString() == id);
        if (restart)
        {
            // One orchestration: the one the crashed attempt started, if it got that far, not a second over it.
            var running = (await durable.GetInstanceAsync(id))!;
            Assert.False(running.IsCompleted);
            if (startedBeforeTheCrash is { RuntimeStatus: not OrchestrationRuntimeStatus.Terminated })
                Assert.Equal(startedBeforeTheCrash.CreatedAt, running.CreatedAt);
            Assert.Equal(HttpStatusCode.Accepted, (await scenario.Applicant.PostAsync($"/api/applications/{id}/confirmation", null)).StatusCode);
            await scenario.StatusBecomesAsync(id, "awaiting-payment");
        }
        else
        {
            await scenario.StatusBecomesAsync(id, "cancelled");
            Assert.Equal(PaymentRequestState.Closed, (await services.GetRequiredService<PaymentRequestStore>().GetByApplicationAsync(id))!.State);
            var outbox = await services.GetRequiredService<StorageTables>().GetAsync(StorageTables.Outbox);
            Assert.True((await outbox.GetEntityIfExistsAsync<TableEntity>(id, NoticeTemplateIds.ApplicationEnded)).HasValue);
        }

        // Once: a third attempt is told the closure is final.
        Assert.Equal(StuckClosureDecision.AlreadyClosed, (await services.GetRequiredService<StuckApplicationClosing>().CloseAsync(id,
            closure with { By = "officer-late" }, durable, CancellationToken.None)).Decision);
    }

    private static void AssertClosure(Closure expected, Closure? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal((expected.Outcome, expected.Note, expected.By), (actual.Outcome, actual.Note, actual.By));
        Assert.True((actual.At - expected.At).Duration() < TimeSpan.FromMilliseconds(1));
    }

    /// <summary>A closing whose item store and action (the recovery's stores) write through tables that die together.</summary>
    private static async Task<StuckApplicationClosing> ClosingOnAsync(IServiceProvider services, ProcessDeath death)
    {
        var action = await death.TablesAsync("action");
        var outbox = ActivatorUtilities.CreateInstance<OutboxStore>(services, action);
        var applications = ActivatorUtilities.CreateInstance<ApplicationStatusStore>(services, action, outbox);
        var dueReminders = new DueReminderStore(action);
        var recording = ActivatorUtilities.CreateInstance<ApplicationStatusRecording>(services, applications, dueReminders);
        var payments = ActivatorUtilities.CreateInstance<PaymentRequestStore>(services, action);
        var recovery = ActivatorUtilities.CreateInstance<StuckApplicationRecovery>(services, applications, recording, payments, dueReminders);
        return ActivatorUtilities.CreateInstance<StuckApplicationClosing>(services, new StuckApplicationStore(await death.TablesAsync("item")),
            recovery);
    }

    /// <summary>
    /// As if the process died at the <paramref name="write"/>th table write of one side (the item's or the action's):
    /// that write and every request after it, on either side, fail. Creating a table is not counted.
    /// </summary>
    private sealed class ProcessDeath(string side, int write)
    {
        private int _writes;

        public bool Dead { get; private set; }

        public async Task<StorageTables> TablesAsync(string name)
        {
            var options = new TableClientOptions { Retry = { MaxRetries = 0 } };
            options.AddPolicy(new Policy(this, name), HttpPipelinePosition.PerCall);
            return new StorageTables(new TableServiceClient(await SharedAzurite.ConnectionStringAsync(), options));
        }

        private void Check(string name, Request request)
        {
            var isWrite = request.Method != RequestMethod.Get && !request.Uri.Path.EndsWith("/Tables", StringComparison.Ordinal);
            if (!Dead && isWrite && name == side && Interlocked.Increment(ref _writes) == write)
                Dead = true;
            if (Dead)
                throw new InvalidOperationException("The process died here.");
        }

        private sealed class Policy(ProcessDeath death, string name) : HttpPipelinePolicy
        {
            public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
            {
                death.Check(name, message.Request);
                ProcessNext(message, pipeline);
            }

            public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
            {
                death.Check(name, message.Request);
                return ProcessNextAsync(message, pipeline);
            }
        }
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
