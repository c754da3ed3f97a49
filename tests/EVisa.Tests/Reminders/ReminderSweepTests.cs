using Azure.Data.Tables;
using EVisa.Core;
using EVisa.Core.Reminders;
using EVisa.Core.Storage;
using EVisa.Core.Workflow;

namespace EVisa.Tests.Reminders;

/// <summary>
/// Reminders before the confirmation and payment timeouts, on the shared DevServer's Azurite. Each test
/// schedules into a due-reminder table of its own and sweeps with a clock it moves (years ahead of the real one,
/// so the DevServer's own timer never sees these rows), instead of waiting for the CRON.
/// </summary>
public sealed class ReminderSweepTests
{
    private static readonly DateTimeOffset T0 = new(2031, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly WorkflowOptions Workflow = new(); // 7 days to confirm, 72 hours to pay

    [Fact]
    public void The_plan_is_half_the_timeout_and_a_day_before_it()
    {
        var plan = DueReminder.Plan("app", "a@example.com", ApplicationStatus.AwaitingPayment, T0, Workflow, new ReminderOptions());

        Assert.Collection(plan,
            r => Assert.Equal((DueReminder.Halfway, T0.AddHours(36)), (r.Kind, r.DueAt)),
            r => Assert.Equal((DueReminder.LastDay, T0.AddHours(48)), (r.Kind, r.DueAt)));
        Assert.All(plan, r => Assert.Equal("reminder-payment", r.TemplateId));
        // A timeout shorter than a day has only its halfway reminder.
        Assert.Equal([DueReminder.Halfway], DueReminder.Plan("app", "a@example.com", ApplicationStatus.AwaitingPayment, T0,
            new WorkflowOptions { PaymentTimeout = TimeSpan.FromHours(12) }, new ReminderOptions()).Select(r => r.Kind));
    }

    [Fact]
    public async Task Each_reminder_is_sent_once_across_repeated_and_concurrent_sweeps()
    {
        var kit = await ReminderKit.StartAsync(T0);
        var id = NewId();
        await kit.Recording.RecordAsync(new ApplicationStatusChange(id, "applicant-" + id, "guest@example.com",
            ApplicationStatus.AwaitingPayment, T0));

        kit.Clock.Now = T0.AddHours(35);
        Assert.Equal(0, (await kit.Sweep.RunAsync()).Sent);

        kit.Clock.Now = T0.AddHours(36);
        var first = await Task.WhenAll(kit.Sweep.RunAsync(), kit.Sweep.RunAsync());
        Assert.Equal(1, first.Sum(r => r.Sent));
        Assert.Equal(0, (await kit.Sweep.RunAsync()).Sent);

        kit.Clock.Now = T0.AddHours(49);
        var second = await Task.WhenAll(kit.Sweep.RunAsync(), kit.Sweep.RunAsync(), kit.Sweep.RunAsync());
        Assert.Equal(1, second.Sum(r => r.Sent));
        kit.Clock.Now = T0.AddHours(60);
        Assert.Equal(0, (await kit.Sweep.RunAsync()).Sent);

        var reminders = await kit.RemindersAsync(id);
        Assert.Equal(["reminder-payment-halfway", "reminder-payment-last-day"], reminders.Select(r => r.RowKey).Order());
        Assert.All(reminders, r => Assert.Equal("reminder-payment", r.GetString("TemplateId")));
        Assert.All(reminders, r => Assert.Equal("guest@example.com", r.GetString("Recipient")));
        Assert.Contains("\"kind\":\"last-day\"", reminders.Single(r => r.RowKey.EndsWith("last-day", StringComparison.Ordinal)).GetString("Data"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_late_sweep_sends_the_last_day_reminder_only()
    {
        var kit = await ReminderKit.StartAsync(T0);
        var id = NewId();
        await kit.Recording.RecordAsync(new ApplicationStatusChange(id, "applicant-" + id, "guest@example.com",
            ApplicationStatus.AwaitingConfirmation, T0));

        kit.Clock.Now = T0.AddDays(6.5); // the timer did not run at 3.5 days nor at 6 days
        var result = await kit.Sweep.RunAsync();

        Assert.Equal((1, 1), (result.Sent, result.Skipped));
        Assert.Equal(["reminder-confirmation-last-day"], (await kit.RemindersAsync(id)).Select(r => r.RowKey));
    }

    [Fact]
    public async Task A_timeout_shorter_than_a_day_gets_its_halfway_reminder()
    {
        var kit = await ReminderKit.StartAsync(T0, workflow: new WorkflowOptions { PaymentTimeout = TimeSpan.FromHours(12) });
        var id = NewId();
        await kit.Recording.RecordAsync(new ApplicationStatusChange(id, "applicant-" + id, "guest@example.com",
            ApplicationStatus.AwaitingPayment, T0));

        kit.Clock.Now = T0.AddHours(7);

        Assert.Equal((1, 0), (await kit.Sweep.RunAsync() is var result ? (result.Sent, result.Skipped) : default));
        Assert.Equal(["reminder-payment-halfway"], (await kit.RemindersAsync(id)).Select(r => r.RowKey));
    }

    [Fact]
    public async Task No_reminder_for_an_application_that_moved_on()
    {
        var kit = await ReminderKit.StartAsync(T0);
        var id = NewId();
        await kit.Recording.RecordAsync(new ApplicationStatusChange(id, "applicant-" + id, "guest@example.com",
            ApplicationStatus.AwaitingConfirmation, T0));
        // Confirmed after three days: now awaiting payment, whose own reminders are due at 4.5 and 5 days.
        await kit.Recording.RecordAsync(new ApplicationStatusChange(id, "applicant-" + id, "guest@example.com",
            ApplicationStatus.AwaitingPayment, T0.AddDays(3)));

        kit.Clock.Now = T0.AddDays(3.5); // the confirmation halfway reminder's time
        var result = await kit.Sweep.RunAsync();

        Assert.Equal((0, 1), (result.Sent, result.Skipped));
        Assert.Empty(await kit.RemindersAsync(id));

        // Paid and issued: the payment reminders are dropped too, and the table is left empty.
        await kit.Recording.RecordAsync(new ApplicationStatusChange(id, "applicant-" + id, "guest@example.com",
            ApplicationStatus.Issued, T0.AddDays(3.6)));
        kit.Clock.Now = T0.AddDays(10);
        // Three reminders, and the stuck checks of both waits, which find the application moved on.
        Assert.Equal((0, 5, 0), (await kit.Sweep.RunAsync() is var late ? (late.Sent, late.Skipped, late.Stuck) : default));
        Assert.Empty(await kit.RemindersAsync(id));
        Assert.Empty(await kit.DueRowsAsync());
    }

    [Fact]
    public async Task A_backlog_of_a_thousand_is_worked_in_pages_without_duplicates()
    {
        var kit = await ReminderKit.StartAsync(T0);
        var applications = await kit.Tables.GetAsync(StorageTables.Applications);
        var ids = Enumerable.Range(0, 1000).Select(_ => NewId()).ToList();
        var at = T0.AddDays(-1);
        await ParallelAsync(ids, async id =>
        {
            await applications.UpsertEntityAsync(new TableEntity(id, "")
            {
                ["ApplicantId"] = "applicant-" + id,
                ["Status"] = ApplicationStatus.AwaitingPayment.ToApiName(),
                ["StatusChangedAt"] = at,
            });
            await kit.Due.AddAsync([new DueReminder(id, "guest@example.com", ApplicationStatus.AwaitingPayment,
                DueReminder.LastDay, T0.AddMinutes(ids.IndexOf(id) % 60), T0.AddDays(1))]);
        });

        kit.Clock.Now = T0.AddHours(1);
        var results = await Task.WhenAll(kit.Sweep.RunAsync(), kit.Sweep.RunAsync());

        Assert.Equal(1000, results.Sum(r => r.Sent));
        Assert.Empty(await kit.DueRowsAsync());
        var counts = new int[ids.Count];
        await ParallelAsync(ids, async id => counts[ids.IndexOf(id)] = (await kit.RemindersAsync(id)).Count);
        Assert.All(counts, c => Assert.Equal(1, c));
    }

    private static string NewId() => Guid.NewGuid().ToString("N");

    private static Task ParallelAsync(IEnumerable<string> ids, Func<string, Task> body) =>
        Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (id, _) => await body(id));
}
