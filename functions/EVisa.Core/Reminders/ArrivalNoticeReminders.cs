using System.Globalization;
using System.Net;
using Azure;
using Azure.Data.Tables;
using EVisa.Core.Rules;
using EVisa.Core.Storage;
using EVisa.Core.Visas;
using Microsoft.Extensions.Logging;

namespace EVisa.Core.Reminders;

/// <summary>One arrival-notice step due at <paramref name="DueAt"/>: a working day's reminder, or the overdue marking.</summary>
public sealed record ArrivalNoticeDue(string VisaNumber, string Kind, DateTimeOffset DueAt)
{
    public const string Overdue = "overdue";
}

/// <summary>
/// R13: while an arrival notice is due, the inviting party gets a reminder each Kazakh working day (09:00 Kazakhstan
/// time, from the day after the entry to the last day), and at the deadline an unfiled notice is marked overdue in
/// the <c>OverdueArrivalNotices</c> index (PartitionKey = "overdue", RowKey = visa number) for officers. The steps
/// wait in <c>DueArrivalNotices</c>, keyed like <see cref="DueReminderStore"/> (shard; due ticks D19 + visa number +
/// kind); each is written once by a conditional insert of a deterministic key, then its due row is deleted.
/// </summary>
public sealed class ArrivalNoticeReminders(StorageTables tables, VisaStore visas, OutboxStore outbox, TimeProvider clock,
    ILogger<ArrivalNoticeReminders> logger, string dueTable = ArrivalNoticeReminders.DefaultDueTable,
    string overdueTable = ArrivalNoticeReminders.DefaultOverdueTable)
{
    public const string DefaultDueTable = "DueArrivalNotices";
    public const string DefaultOverdueTable = "OverdueArrivalNotices";
    public const string TemplateId = "reminder-arrival-notice";
    public const string OverdueTemplateId = "arrival-notice-overdue";
    public static readonly TimeSpan ReminderTime = TimeSpan.FromHours(9);

    /// <summary>R13: the steps for a notice due after an entry on <paramref name="notice"/>'s terms.</summary>
    public static IReadOnlyList<ArrivalNoticeDue> Plan(string visaNumber, DateTimeOffset enteredAt, ArrivalNoticeState notice,
        KazakhstanCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(calendar);
        var steps = new List<ArrivalNoticeDue>();
        for (var day = KazakhstanTime.DateOf(enteredAt).AddDays(1); day <= notice.LastDay; day = day.AddDays(1))
        {
            if (calendar.IsWorkingDay(day))
                steps.Add(new ArrivalNoticeDue(visaNumber, "day-" + TableKeys.Date(day), new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), KazakhstanTime.Offset) + ReminderTime));
        }

        steps.Add(new ArrivalNoticeDue(visaNumber, ArrivalNoticeDue.Overdue, notice.Deadline));
        return steps;
    }

    public async Task ScheduleAsync(IEnumerable<ArrivalNoticeDue> steps, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(dueTable);
        foreach (var step in steps)
        {
            await table.UpsertEntityAsync(new TableEntity(DueReminderStore.ShardOf(step.VisaNumber),
                $"{step.DueAt.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}-{step.VisaNumber}-{step.Kind}")
            {
                ["VisaNumber"] = step.VisaNumber,
                ["Kind"] = step.Kind,
                ["DueAt"] = step.DueAt,
            }, TableUpdateMode.Replace, cancellationToken);
        }
    }

    /// <summary>Works through every step due by now, in pages; returns how many reminders and markings it wrote.</summary>
    public async Task<int> RunAsync(int pageSize = 100, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var table = await tables.GetAsync(dueTable);
        var upper = (now.UtcTicks + 1).ToString("D19", CultureInfo.InvariantCulture);
        var written = 0;
        foreach (var shard in DueReminderStore.Shards)
        {
            while (true)
            {
                List<TableEntity> page = [];
                var filter = TableClient.CreateQueryFilter($"PartitionKey eq {shard} and RowKey lt {upper}");
                await foreach (var found in table.QueryAsync<TableEntity>(filter, maxPerPage: pageSize, cancellationToken: cancellationToken)
                    .AsPages(pageSizeHint: pageSize))
                {
                    page = [.. found.Values];
                    break;
                }

                if (page.Count == 0)
                    break;
                foreach (var row in page)
                {
                    var step = new ArrivalNoticeDue(row.GetString("VisaNumber") ?? "", row.GetString("Kind") ?? "",
                        row.GetDateTimeOffset("DueAt") ?? now);
                    if (await RunStepAsync(step, now, cancellationToken))
                        written++;
                    try
                    {
                        await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
                    }
                    catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.NotFound)
                    {
                    }
                }
            }
        }

        return written;
    }

    /// <summary>One page of the overdue arrival notices in <paramref name="state"/> (open by default), for officers.</summary>
    public async Task<(IReadOnlyList<TableEntity> Items, string? ContinuationToken)> OverdueAsync(int pageSize,
        string? continuationToken, WorklistState state = WorklistState.Open, CancellationToken cancellationToken = default) =>
        await ClosableRows.PageAsync(await tables.GetAsync(overdueTable), ArrivalNoticeDue.Overdue, state, pageSize, continuationToken,
            cancellationToken);

    /// <summary>
    /// An officer closes an overdue notice (filed late, or referred): final, once. The row closed, or why not.
    /// </summary>
    public async Task<(ClosingResult Result, TableEntity? Row)> CloseOverdueAsync(string visaNumber, Closure closure,
        CancellationToken cancellationToken = default)
    {
        if (!TableKeys.IsValid(visaNumber))
            return (ClosingResult.NotFound, null);
        var table = await tables.GetAsync(overdueTable);
        var (open, closed) = await ClosableRows.FindAsync(table, ArrivalNoticeDue.Overdue, visaNumber, cancellationToken);
        if (open is null)
            return (closed is null ? ClosingResult.NotFound : ClosingResult.AlreadyClosed, closed);
        var (result, row) = await ClosableRows.CloseAsync(table, open, closure.Columns(), cancellationToken);
        if (result == ClosingResult.Closed)
            logger.LogInformation("R13: the overdue arrival notice of visa {VisaNumber} closed as {Outcome}", visaNumber, closure.Outcome);
        return (result, row);
    }

    private async Task<bool> RunStepAsync(ArrivalNoticeDue step, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var visa = await visas.GetAsync(step.VisaNumber, cancellationToken);
        if (visa?.ArrivalNotice is not { FiledAt: null } notice)
            return false; // filed, or no such visa: nothing to remind or mark
        var data = new { visa.VisaNumber, step.Kind, notice.LastDay, notice.Deadline };
        if (step.Kind == ArrivalNoticeDue.Overdue)
        {
            var overdue = await tables.GetAsync(overdueTable);
            try
            {
                await overdue.AddEntityAsync(new TableEntity(ArrivalNoticeDue.Overdue, visa.VisaNumber)
                {
                    ["ApplicationId"] = visa.ApplicationId,
                    ["InviterId"] = visa.InviterId,
                    ["Deadline"] = notice.Deadline,
                    ["MarkedAt"] = now,
                }, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.Conflict)
            {
                return false;
            }

            await outbox.TryAddAsync(visa.ApplicationId, OverdueTemplateId, visa.InviterId, OverdueTemplateId, data, cancellationToken);
            logger.LogWarning("R13: the arrival notice of visa {VisaNumber} is overdue", visa.VisaNumber);
            return true;
        }

        // A day's reminder on that day only: a late run does not send yesterday's, nor any after the deadline.
        if (now >= notice.Deadline || step.Kind != "day-" + TableKeys.Date(KazakhstanTime.DateOf(now)))
            return false;
        return await outbox.TryAddAsync(visa.ApplicationId, $"{TemplateId}-{step.Kind}", visa.InviterId, TemplateId, data, cancellationToken);
    }
}
