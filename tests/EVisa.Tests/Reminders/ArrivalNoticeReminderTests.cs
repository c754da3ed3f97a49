using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using EVisa.Core.Identity;
using EVisa.Core.Reminders;
using EVisa.Core.Rules;
using EVisa.Core.Storage;
using EVisa.Core.Visas;
using EVisa.DevServer;
using EVisa.Tests.Infrastructure;
using EVisa.Tests.Visas;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace EVisa.Tests.Reminders;

/// <summary>
/// R13: after an entry the inviting party is reminded each working day while the arrival notice is due, and an
/// unfiled notice is marked overdue for officers at the deadline; each once, however often the sweep runs.
/// </summary>
public sealed class ArrivalNoticeReminderTests
{
    [Fact]
    [Trait("Rule", "R13")]
    public async Task Reminded_each_working_day_once_then_marked_overdue_once()
    {
        var server = await TestServers.SharedAsync();
        var (visa, notice) = await EnteredVisaAsync(server);
        var services = server.Services;

        // The entry scheduled its steps in the server's own table.
        var scheduled = await services.GetRequiredService<StorageTables>().GetAsync(ArrivalNoticeReminders.DefaultDueTable);
        var rows = new List<TableEntity>();
        await foreach (var row in scheduled.QueryAsync<TableEntity>(TableClient.CreateQueryFilter(
            $"PartitionKey eq {DueReminderStore.ShardOf(visa.VisaNumber)} and VisaNumber eq {visa.VisaNumber}")))
            rows.Add(row);
        Assert.Equal(ArrivalNotice.WorkingDays + 1, rows.Count);

        var plan = ArrivalNoticeReminders.Plan(visa.VisaNumber, visa.Entry!.At, notice, KazakhstanCalendar.Default);
        Assert.Equal(ArrivalNotice.WorkingDays, plan.Count(s => s.Kind.StartsWith("day-", StringComparison.Ordinal)));
        Assert.All(plan.SkipLast(1), s => Assert.True(KazakhstanCalendar.Default.IsWorkingDay(KazakhstanTime.DateOf(s.DueAt))));

        var (reminders, clock, tables) = Own(services);
        await reminders.ScheduleAsync(plan);

        clock.Now = plan[0].DueAt;
        Assert.Equal(1, (await Task.WhenAll(reminders.RunAsync(), reminders.RunAsync())).Sum());
        Assert.Equal(0, await reminders.RunAsync());
        clock.Now = plan[1].DueAt.AddHours(2);
        Assert.Equal(1, (await Task.WhenAll(reminders.RunAsync(), reminders.RunAsync())).Sum());
        // The timer did not run on the last day: that day's reminder is not sent late, and the notice is overdue.
        clock.Now = notice.Deadline;
        Assert.Equal(1, (await Task.WhenAll(reminders.RunAsync(), reminders.RunAsync())).Sum());
        Assert.Equal(0, await reminders.RunAsync());

        var outbox = await tables.GetAsync(StorageTables.Outbox);
        var sent = new List<string>();
        // The arrival-notice steps' records (the entry's own notice to the inviting party shares the partition).
        await foreach (var row in outbox.QueryAsync<TableEntity>(e => e.PartitionKey == visa.ApplicationId))
        {
            if (row.GetString("TemplateId") is ArrivalNoticeReminders.TemplateId or ArrivalNoticeReminders.OverdueTemplateId)
                sent.Add(row.RowKey);
        }

        Assert.Equal([ArrivalNoticeReminders.OverdueTemplateId, $"{ArrivalNoticeReminders.TemplateId}-{plan[0].Kind}",
            $"{ArrivalNoticeReminders.TemplateId}-{plan[1].Kind}"], sent.Order());
        var (overdue, _) = await reminders.OverdueAsync(100, null);
        Assert.Equal([visa.VisaNumber], overdue.Select(e => e.RowKey));
    }

    [Fact]
    [Trait("Rule", "R13")]
    public async Task A_filed_notice_gets_no_reminder_and_is_never_overdue()
    {
        var server = await TestServers.SharedAsync();
        var (visa, notice) = await EnteredVisaAsync(server);
        var inviter = server.ClientFor(visa.InviterId, Role.Inviter);
        Assert.Equal(HttpStatusCode.OK, (await inviter.PostJsonAsync($"/api/visas/{visa.VisaNumber}/arrival-notice", new { placeOfStay = "Abay Avenue 10, Almaty" })).StatusCode);

        var (reminders, clock, _) = Own(server.Services);
        var plan = ArrivalNoticeReminders.Plan(visa.VisaNumber, visa.Entry!.At, notice, KazakhstanCalendar.Default);
        await reminders.ScheduleAsync(plan);
        clock.Now = plan[0].DueAt;
        Assert.Equal(0, await reminders.RunAsync());
        clock.Now = notice.Deadline.AddDays(1);
        Assert.Equal(0, await reminders.RunAsync());
        Assert.Empty((await reminders.OverdueAsync(100, null)).Items);
    }

    [Fact]
    [Trait("Rule", "R13")]
    public async Task Steps_are_scheduled_before_the_entry_is_written_and_a_refused_entrys_steps_send_nothing()
    {
        var server = await TestServers.SharedAsync();
        var (request, issued) = await VisaSamples.IssueAsync(server);
        var refused = await server.ClientFor("border-1", Role.Border).PostJsonAsync(
            $"/api/visas/{issued.VisaNumber}/entries", new { checkpoint = "NQZ", passportNumber = "X" + request.PassportNumber });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);

        // Written before the entry was tried: an entry that is written is never without them, even after a crash.
        var scheduled = await server.Services.GetRequiredService<StorageTables>().GetAsync(ArrivalNoticeReminders.DefaultDueTable);
        var rows = new List<TableEntity>();
        await foreach (var row in scheduled.QueryAsync<TableEntity>(TableClient.CreateQueryFilter(
            $"PartitionKey eq {DueReminderStore.ShardOf(issued.VisaNumber)} and VisaNumber eq {issued.VisaNumber}")))
            rows.Add(row);
        Assert.Equal(ArrivalNotice.WorkingDays + 1, rows.Count);

        // The visa was not entered, so no step reminds anyone or marks anything overdue.
        var (reminders, clock, tables) = Own(server.Services);
        var steps = rows.Select(r => new ArrivalNoticeDue(issued.VisaNumber, r.GetString("Kind")!, r.GetDateTimeOffset("DueAt")!.Value)).ToList();
        await reminders.ScheduleAsync(steps);
        foreach (var step in steps)
        {
            clock.Now = step.DueAt;
            Assert.Equal(0, await reminders.RunAsync());
        }

        Assert.Empty((await reminders.OverdueAsync(100, null)).Items);
        var outbox = await tables.GetAsync(StorageTables.Outbox);
        await foreach (var row in outbox.QueryAsync<TableEntity>(e => e.PartitionKey == request.ApplicationId))
            Assert.DoesNotContain("arrival-notice", row.RowKey, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "R13")]
    public async Task Officers_page_through_the_overdue_notices()
    {
        var server = await TestServers.SharedAsync();
        var marked = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var (visa, notice) = await EnteredVisaAsync(server);
            // Into the server's own overdue index, from a due table of the test's own.
            var (reminders, clock, _) = Own(server.Services, ArrivalNoticeReminders.DefaultOverdueTable);
            await reminders.ScheduleAsync([new ArrivalNoticeDue(visa.VisaNumber, ArrivalNoticeDue.Overdue, notice.Deadline)]);
            clock.Now = notice.Deadline;
            Assert.Equal(1, await reminders.RunAsync());
            marked.Add(visa.VisaNumber);
        }

        var officer = server.ClientFor("officer-overdue", Role.Officer);
        var listed = new List<string>();
        string? token = null;
        do
        {
            var response = await officer.GetAsync("/api/arrival-notices/overdue?pageSize=2" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token)));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(page.GetProperty("items").GetArrayLength() <= 2);
            listed.AddRange(page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("visaNumber").GetString()!));
            token = page.GetProperty("continuationToken").GetString();
        }
        while (token is not null);

        Assert.Subset(listed.ToHashSet(), marked.ToHashSet());
        Assert.Equal(listed.Count, listed.Distinct().Count());
        Assert.Equal(HttpStatusCode.Forbidden, (await server.ClientFor("inviter-overdue", Role.Inviter).GetAsync("/api/arrival-notices/overdue")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.GetAsync("/api/arrival-notices/overdue?pageSize=0")).StatusCode);
    }

    private static async Task<(VisaRecord Visa, ArrivalNoticeState Notice)> EnteredVisaAsync(DevServerHost server)
    {
        var (request, issued) = await VisaSamples.IssueAsync(server);
        Assert.Equal(HttpStatusCode.Created, (await server.ClientFor("border-1", Role.Border).PostJsonAsync(
            $"/api/visas/{issued.VisaNumber}/entries", new { checkpoint = "NQZ", passportNumber = request.PassportNumber })).StatusCode);
        var visa = (await server.Services.GetRequiredService<VisaStore>().GetAsync(issued.VisaNumber, CancellationToken.None))!;
        return (visa, visa.ArrivalNotice!);
    }

    /// <summary>A sweep with due and overdue tables and a clock of the test's own.</summary>
    private static (ArrivalNoticeReminders Reminders, MovableClock Clock, StorageTables Tables) Own(IServiceProvider services,
        string? overdueTable = null)
    {
        var tables = services.GetRequiredService<StorageTables>();
        var clock = new MovableClock(DateTimeOffset.UtcNow);
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var reminders = new ArrivalNoticeReminders(tables, services.GetRequiredService<VisaStore>(), new OutboxStore(tables, clock), clock,
            NullLogger<ArrivalNoticeReminders>.Instance, "DueArrival" + suffix, overdueTable ?? "OverdueArrival" + suffix);
        return (reminders, clock, tables);
    }
}
