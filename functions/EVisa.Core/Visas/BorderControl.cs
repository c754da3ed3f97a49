using EVisa.Core.Notifications;
using EVisa.Core.Reminders;
using EVisa.Core.Rules;
using EVisa.Core.Storage;
using Microsoft.Extensions.Logging;

namespace EVisa.Core.Visas;

/// <summary>
/// The border's decisions on a visa: the single entry (R1) and the exit, at a permitted checkpoint only (R4), with
/// the presented passport (R10). Each is a conditional write on the visa's ETag, so of many simultaneous entries
/// exactly one is recorded and the rest are told the visa was already used.
/// </summary>
public sealed class BorderControl(VisaStore visas, ArrivalNoticeReminders arrivalNotices, OutboxStore outbox,
    TimeProvider clock, ILogger<BorderControl> logger)
{
    public async Task<BorderCrossingOutcome> EnterAsync(string visaNumber, string checkpoint, string passportNumber,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        // R4: e-visa holders enter and leave only through the airports of Astana (NQZ) and Almaty (ALA).
        if (Checkpoint.Find(checkpoint) is not { } permitted)
            return BorderCrossingOutcome.Of(BorderCrossingDecision.CheckpointNotPermitted, null, now);

        var entry = new VisaCrossing(now, permitted.Code);
        // R13: an entry's arrival-notice reminders and overdue marking are scheduled before the entry is written, so a
        // crash between the two writes cannot leave an entry without them. Steps of an entry that is then refused or
        // loses a race are harmless: the sweep drops a step whose visa has no unfiled notice, and sends the others
        // under the recorded entry's own outbox keys, once.
        if (await visas.GetAsync(visaNumber, cancellationToken) is { Entry: null } unused)
        {
            var notice = ArrivalNoticeFor(entry);
            LogComputedCalendar(visaNumber, KazakhstanTime.DateOf(entry.At), notice.LastDay);
            await arrivalNotices.ScheduleAsync(ArrivalNoticeReminders.Plan(unused.VisaNumber, entry.At, notice,
                KazakhstanCalendar.Default), cancellationToken);
            // The inviting party hears of the entry; sent once the entry is recorded (the sender checks).
            await outbox.TryAddAsync(unused.ApplicationId, NoticeTemplateIds.GuestEntered, unused.InviterId, NoticeTemplateIds.GuestEntered,
                new { unused.VisaNumber }, cancellationToken);
        }

        var change = await visas.ChangeAsync(visaNumber, visa => RecordEntry(visa, entry, passportNumber), cancellationToken);
        return Outcome(change, entry.At);
    }

    public async Task<BorderCrossingOutcome> ExitAsync(string visaNumber, string checkpoint, string passportNumber,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        // R4, as for the entry.
        if (Checkpoint.Find(checkpoint) is not { } permitted)
            return BorderCrossingOutcome.Of(BorderCrossingDecision.CheckpointNotPermitted, null, now);

        var exit = new VisaCrossing(now, permitted.Code);
        var change = await visas.ChangeAsync(visaNumber, visa => RecordExit(visa, exit, passportNumber), cancellationToken);
        return Outcome(change, exit.At);
    }

    private static BorderCrossingOutcome Outcome(VisaChange<Verdict>? change, DateTimeOffset at) =>
        change is null
            ? BorderCrossingOutcome.Of(BorderCrossingDecision.VisaNotFound, null, at)
            : new BorderCrossingOutcome(change.Outcome.Decision, change.Visa, at, change.Outcome.Reasons);

    private static (VisaRecord?, Verdict) RecordEntry(VisaRecord visa, VisaCrossing entry, string passportNumber)
    {
        // R1: single entry. Checked on the latest state, so the loser of a race gets this too.
        if (visa.Entry is not null)
            return (null, new Verdict(BorderCrossingDecision.AlreadyEntered, []));

        var refusals = visa.Refusals(KazakhstanTime.DateOf(entry.At), passportNumber);
        if (refusals.Count > 0)
            return (null, new Verdict(BorderCrossingDecision.EntryRefused, refusals));

        return (visa with { Entry = entry, ArrivalNotice = ArrivalNoticeFor(entry) }, new Verdict(BorderCrossingDecision.Recorded, []));
    }

    private static (VisaRecord?, Verdict) RecordExit(VisaRecord visa, VisaCrossing exit, string passportNumber)
    {
        if (visa.Entry is null)
            return (null, new Verdict(BorderCrossingDecision.NotEntered, []));
        if (visa.Exit is not null)
            return (null, new Verdict(BorderCrossingDecision.AlreadyExited, []));

        // A revoked or expired visa never keeps a traveller in: only the passport must be the visa's (R10).
        if (!PassportNumber.Same(visa.PassportNumber, passportNumber))
            return (null, new Verdict(BorderCrossingDecision.ExitRefused, [VisaReasons.PassportMismatch]));
        return (visa with { Exit = exit }, new Verdict(BorderCrossingDecision.Recorded, []));
    }

    /// <summary>R13: the entry starts the inviting party's three working days for the arrival notice.</summary>
    private static ArrivalNoticeState ArrivalNoticeFor(VisaCrossing entry) => new(
        ArrivalNotice.LastDay(KazakhstanTime.DateOf(entry.At), KazakhstanCalendar.Default),
        ArrivalNotice.Deadline(entry.At, KazakhstanCalendar.Default),
        FiledAt: null);

    /// <summary>
    /// R13: a deadline counted through a year the government has not published rests on the law and the Umm al-Qura
    /// Kurban Ait alone; an operator should know, since a later transfer could move it.
    /// </summary>
    private void LogComputedCalendar(string visaNumber, DateOnly entryDate, DateOnly lastDay)
    {
        for (var year = entryDate.Year; year <= lastDay.Year; year++)
        {
            if (!KazakhstanCalendar.Default.IsPublished(year))
            {
                logger.LogInformation("Visa {VisaNumber}: arrival-notice deadline {LastDay:yyyy-MM-dd} counted through {Year}, computed from the law: {Source}",
                    visaNumber, lastDay, year, KazakhstanCalendar.Default.SourceOf(year));
            }
        }
    }

    /// <summary>A decision on the visa as read: what was decided and, for a refusal, why.</summary>
    private sealed record Verdict(BorderCrossingDecision Decision, IReadOnlyList<string> Reasons);
}
