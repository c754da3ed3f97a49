using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using EVisa.Core;
using EVisa.Core.Identity;
using EVisa.Core.Reminders;
using EVisa.Core.Storage;
using EVisa.Core.Workflow;
using EVisa.DevServer;
using EVisa.Tests.Foundation;
using EVisa.Tests.Infrastructure;
using EVisa.Tests.Payments;
using EVisa.Tests.Pipeline;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EVisa.Tests.Reminders;

/// <summary>
/// An application left in a status past the time its orchestration should have moved it on (the instance
/// failed, was terminated, never started) is reported to officers once, in <c>StuckApplications</c>, and listed at
/// <c>GET /api/applications/stuck</c>. The server schedules the checks; each test sweeps copies of its application's
/// checks from a due table of its own with a clock it moves, so no other test's rows are swept.
/// </summary>
public sealed class StuckApplicationTests
{
    private static readonly DateTimeOffset T0 = new(2031, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_wait_is_checked_its_timeout_and_the_grace_after_it_a_submission_the_grace_after_it()
    {
        var workflow = new WorkflowOptions { PaymentTimeout = TimeSpan.FromHours(72) };
        var reminders = new ReminderOptions { StuckGrace = TimeSpan.FromMinutes(30) };

        var payment = DueReminder.StuckCheckFor("app", ApplicationStatus.AwaitingPayment, T0, workflow, reminders)!;
        var submitted = DueReminder.StuckCheckFor("app", ApplicationStatus.Submitted, T0, workflow, reminders)!;

        Assert.Equal((DueReminder.StuckCheck, T0.AddHours(72).AddMinutes(30), ""), (payment.Kind, payment.DueAt, payment.Recipient));
        Assert.Equal(T0.AddMinutes(30), submitted.DueAt);
        Assert.Null(DueReminder.StuckCheckFor("app", ApplicationStatus.Issued, T0, workflow, reminders));
        Assert.Null(DueReminder.StuckCheckFor("app", ApplicationStatus.Expired, T0, workflow, reminders));
    }

    [Fact]
    public async Task A_terminated_orchestration_is_reported_once_after_its_deadline_and_grace_and_listed_for_officers()
    {
        var server = await TestServers.SharedAsync();
        var scenario = new PipelineScenario(server);
        var id = await scenario.ApplyAsync();
        var durable = server.Services.GetRequiredService<DurableTaskClient>();
        await durable.TerminateInstanceAsync(id, "lost, as a test");
        await Eventually.ReturnsAsync(() => durable.GetInstanceAsync(id, getInputsAndOutputs: false),
            i => i?.RuntimeStatus == OrchestrationRuntimeStatus.Terminated, what: $"instance {id} terminated");

        // The server scheduled a check for each status the application reached, at its deadline plus the grace. The
        // submission decides at once, so the application never rests in submitted and has no check for it.
        var awaitingSince = (await server.Services.GetRequiredService<ApplicationStatusStore>().GetAsync(id))!.StatusChangedAt;
        var options = server.Services.GetRequiredService<IOptions<WorkflowOptions>>().Value;
        var grace = server.Services.GetRequiredService<IOptions<ReminderOptions>>().Value.StuckGrace;
        var checks = await ScheduledStuckChecksAsync(server, id);
        Assert.Equal([ApplicationStatus.AwaitingConfirmation], checks.Select(c => c.Status).Order());
        var check = checks.Single(c => c.Status == ApplicationStatus.AwaitingConfirmation);
        Assert.Equal(awaitingSince + options.ConfirmationTimeout + grace, check.DueAt);

        var logs = new CapturedLogs();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(logs));
        var kit = await ReminderKit.StartAsync(check.DueAt.AddSeconds(-1), stuckTable: StuckApplicationStore.DefaultTable, logs: loggerFactory);
        await kit.Due.AddAsync(checks);

        // A second before: nothing is due.
        Assert.Equal(new ReminderSweepResult(0, 0, 0), await kit.Sweep.RunAsync(durable));
        Assert.Null(await kit.Stuck.GetAsync(id));

        kit.Clock.Now = check.DueAt;
        var concurrent = await Task.WhenAll(kit.Sweep.RunAsync(durable), kit.Sweep.RunAsync(durable), kit.Sweep.RunAsync(durable));
        Assert.Equal(1, concurrent.Sum(r => r.Stuck));
        kit.Clock.Now = check.DueAt.AddDays(1);
        Assert.Equal(0, (await kit.Sweep.RunAsync(durable)).Stuck);
        Assert.Empty(await kit.DueRowsAsync());

        Assert.Equal(new StuckApplication(id, ApplicationStatus.AwaitingConfirmation, awaitingSince, check.DueAt, "terminated"),
            await kit.Stuck.GetAsync(id));
        var warning = Assert.Single(logs.Lines, l => l.Contains(id, StringComparison.Ordinal));
        Assert.Contains("stuck in awaiting-confirmation", warning, StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Lines, l => l.Contains(scenario.PassportNumber, StringComparison.Ordinal)
            || l.Contains("guest@example.com", StringComparison.Ordinal) || l.Contains("Wei", StringComparison.Ordinal));

        // Officers find it in their list, a page at a time.
        var listed = await ListAsync(server.ClientFor("officer-stuck", Role.Officer), pageSize: 1);
        var item = Assert.Single(listed, e => e.GetProperty("applicationId").GetString() == id);
        Assert.Equal("awaiting-confirmation", item.GetProperty("status").GetString());
        Assert.Equal("terminated", item.GetProperty("runtimeStatus").GetString());
        Assert.Equal(awaitingSince, item.GetProperty("since").GetDateTimeOffset());
        Assert.Equal(check.DueAt, item.GetProperty("reportedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task An_application_that_moved_on_is_not_reported()
    {
        var server = await TestServers.SharedAsync();
        var scenario = new PipelineScenario(server);
        var id = await scenario.AwaitingPaymentAsync(); // confirmed
        Assert.Equal(HttpStatusCode.Accepted, (await scenario.Applicant.PostAsync($"/api/applications/{id}/cancellation", null)).StatusCode);
        await scenario.StatusBecomesAsync(id, "cancelled");

        var checks = await ScheduledStuckChecksAsync(server, id);
        Assert.Equal([ApplicationStatus.AwaitingConfirmation, ApplicationStatus.AwaitingPayment],
            checks.Select(c => c.Status).Order());
        var kit = await ReminderKit.StartAsync(checks.Max(c => c.DueAt).AddDays(1));
        await kit.Due.AddAsync(checks);

        var result = await kit.Sweep.RunAsync(server.Services.GetRequiredService<DurableTaskClient>());

        Assert.Equal(new ReminderSweepResult(0, 2, 0), result);
        Assert.Null(await kit.Stuck.GetAsync(id));
        Assert.Empty(await kit.DueRowsAsync());
    }

    [Fact]
    public async Task A_credited_payment_schedules_a_check_a_grace_later_that_the_issued_visa_passes()
    {
        var server = await TestServers.SharedAsync();
        var scenario = new PipelineScenario(server);
        var id = await scenario.AwaitingPaymentAsync();
        var payment = (await server.Services.GetRequiredService<ApplicationStatusStore>().GetAsync(id))!.Payment!;
        var payments = await PaymentTestKit.StartAsync();
        var before = DateTimeOffset.UtcNow;
        Assert.Equal("credited", await payments.PayAsync(PaymentTestKit.PaymentFor(payment)));
        var after = DateTimeOffset.UtcNow;
        await scenario.StatusBecomesAsync(id, "issued");

        // Besides the one at the payment timeout, a check for the issue, a grace after the credit.
        var grace = server.Services.GetRequiredService<IOptions<ReminderOptions>>().Value.StuckGrace;
        var checks = await ScheduledStuckChecksAsync(server, id);
        var afterCredit = Assert.Single(checks, c => c.Status == ApplicationStatus.AwaitingPayment && c.DueAt <= after + grace);
        Assert.InRange(afterCredit.DueAt, before + grace, after + grace);
        Assert.Equal(2, checks.Count(c => c.Status == ApplicationStatus.AwaitingPayment));

        var kit = await ReminderKit.StartAsync(afterCredit.DueAt);
        await kit.Due.AddAsync(checks);
        // Due by then: the check after the credit only (a decided submission has no check of its own), and it passes.
        Assert.Equal(new ReminderSweepResult(0, 1, 0), await kit.Sweep.RunAsync(server.Services.GetRequiredService<DurableTaskClient>()));
        Assert.Null(await kit.Stuck.GetAsync(id));
    }

    [Fact]
    public async Task An_application_whose_orchestration_never_started_is_reported_with_no_instance()
    {
        var kit = await ReminderKit.StartAsync(T0, workflow: new WorkflowOptions { PaymentTimeout = TimeSpan.FromHours(72) },
            stuckGrace: TimeSpan.FromMinutes(10));
        var id = Guid.NewGuid().ToString("N");
        await kit.Recording.RecordAsync(new ApplicationStatusChange(id, "applicant-" + id, "guest@example.com",
            ApplicationStatus.AwaitingPayment, T0));
        var durable = (await TestServers.SharedAsync()).Services.GetRequiredService<DurableTaskClient>();

        kit.Clock.Now = T0.AddHours(72).AddMinutes(10).AddTicks(-1);
        Assert.Equal(0, (await kit.Sweep.RunAsync(durable)).Stuck);
        kit.Clock.Now = T0.AddHours(72).AddMinutes(10);
        Assert.Equal(1, (await kit.Sweep.RunAsync(durable)).Stuck);

        Assert.Equal(new StuckApplication(id, ApplicationStatus.AwaitingPayment, T0, kit.Clock.Now, "missing"), await kit.Stuck.GetAsync(id));
    }

    [Fact]
    public async Task The_check_follows_the_orchestrations_own_wait_not_a_setting_changed_since_it_started()
    {
        // The setting says 24 hours; the orchestration, started before it was lowered, waits 72.
        var kit = await ReminderKit.StartAsync(T0, workflow: new WorkflowOptions { PaymentTimeout = TimeSpan.FromHours(24) },
            stuckGrace: TimeSpan.FromMinutes(10));
        var id = Guid.NewGuid().ToString("N");
        await kit.Recording.RecordAsync(new ApplicationStatusChange(id, "applicant-" + id, "guest@example.com",
            ApplicationStatus.AwaitingPayment, T0, Timeout: TimeSpan.FromHours(72)));

        kit.Clock.Now = T0.AddHours(24).AddMinutes(10);
        Assert.Equal(0, (await kit.Sweep.RunAsync()).Stuck);
        kit.Clock.Now = T0.AddHours(72).AddMinutes(10);
        Assert.Equal(1, (await kit.Sweep.RunAsync()).Stuck);
        Assert.Null((await kit.Stuck.GetAsync(id))!.RuntimeStatus); // no durable client given: not looked up
    }

    [Theory]
    [InlineData(Role.Applicant)]
    [InlineData(Role.Inviter)]
    [InlineData(Role.Border)]
    public async Task Only_officers_list_stuck_applications(Role role)
    {
        var server = await TestServers.SharedAsync();
        await TokenTests.AssertProblemAsync(await server.ClientFor("someone", role).GetAsync("/api/applications/stuck"),
            HttpStatusCode.Forbidden, "forbidden");
        await TokenTests.AssertProblemAsync(await server.Client().GetAsync("/api/applications/stuck"),
            HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Theory]
    [InlineData("pageSize=0")]
    [InlineData("pageSize=201")]
    [InlineData("continuationToken=%25%25not-base64")]
    public async Task Bad_paging_parameters_get_400(string query)
    {
        var server = await TestServers.SharedAsync();
        var response = await server.ClientFor("officer-stuck", Role.Officer).GetAsync($"/api/applications/stuck?{query}");
        await TokenTests.AssertProblemAsync(response, HttpStatusCode.BadRequest, "validation-failed");
    }

    /// <summary>The stuck checks the server scheduled for one application, read from its <c>DueReminders</c> table.</summary>
    private static async Task<List<DueReminder>> ScheduledStuckChecksAsync(DevServerHost server, string applicationId)
    {
        var table = await server.Services.GetRequiredService<StorageTables>().GetAsync(DueReminderStore.DefaultTable);
        var checks = new List<DueReminder>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter(
            $"PartitionKey eq {DueReminderStore.ShardOf(applicationId)} and ApplicationId eq {applicationId} and Kind eq {DueReminder.StuckCheck}")))
        {
            checks.Add(new DueReminder(applicationId, row.GetString("Recipient") ?? "", ApiNames.Parse<ApplicationStatus>(row.GetString("Status")),
                DueReminder.StuckCheck, row.GetDateTimeOffset("DueAt")!.Value, row.GetDateTimeOffset("Deadline")!.Value));
        }

        return checks;
    }

    private static async Task<List<JsonElement>> ListAsync(HttpClient officer, int pageSize)
    {
        var items = new List<JsonElement>();
        string? token = null;
        do
        {
            var response = await officer.GetAsync($"/api/applications/stuck?pageSize={pageSize}"
                + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token)));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(page.GetProperty("items").GetArrayLength() <= pageSize);
            items.AddRange(page.GetProperty("items").EnumerateArray());
            token = page.GetProperty("continuationToken").GetString();
        }
        while (token is not null);

        return items;
    }
}
