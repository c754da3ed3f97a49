using EVisa.Core.Notifications;
using EVisa.Core.Reminders;
using EVisa.Core.Rules;
using EVisa.Core.Storage;
using EVisa.Core.Visas;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace EVisa.Core.Api.Visas;

/// <summary>
/// <c>POST /api/visas/{visaNumber}/entries</c> and <c>/exits</c> (role border): the single entry (R1) and the exit,
/// at NQZ or ALA only (R4), with the presented passport (R10). Each is a conditional write on the visa's ETag, so
/// of many simultaneous entries exactly one is recorded and the rest get 409.
/// </summary>
public sealed class BorderCrossingHandler(VisaStore visas, ArrivalNoticeReminders arrivalNotices,
    OutboxStore outbox, TimeProvider clock, ILogger<BorderCrossingHandler> logger)
{
    public Task<IActionResult> EnterAsync(HttpRequest request, string visaNumber) =>
        CrossAsync(request, visaNumber, RecordEntry, isEntry: true);

    public Task<IActionResult> ExitAsync(HttpRequest request, string visaNumber) =>
        CrossAsync(request, visaNumber, RecordExit, isEntry: false);

    private async Task<IActionResult> CrossAsync(HttpRequest request, string visaNumber,
        Func<VisaRecord, VisaCrossing, string, (VisaRecord?, IActionResult?)> decide, bool isEntry)
    {
        var (body, malformed) = await RequestBodies.ReadAsync<BorderCrossingRequest>(request);
        if (body is null)
            return malformed!;

        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(body.Checkpoint))
            errors["checkpoint"] = ["Give the checkpoint: NQZ or ALA."];
        if (string.IsNullOrWhiteSpace(body.PassportNumber))
            errors["passportNumber"] = ["Give the number of the passport presented (R10)."];
        if (errors.Count > 0)
            return Problems.Validation(errors);

        // R4: e-visa holders enter and leave only through the airports of Astana (NQZ) and Almaty (ALA).
        var checkpoint = Checkpoint.Find(body.Checkpoint);
        if (checkpoint is null)
        {
            return Problems.Create(StatusCodes.Status422UnprocessableEntity, "checkpoint-not-permitted",
                "An e-visa permits entry and exit only at NQZ or ALA.",
                "R4: e-visa holders cross only through the international airports of Astana (NQZ) and Almaty (ALA).");
        }

        var crossing = new VisaCrossing(clock.GetUtcNow(), checkpoint.Code);
        // R13: an entry's arrival-notice reminders and overdue marking are scheduled before the entry is written, so a
        // crash between the two writes cannot leave an entry without them. Steps of an entry that is then refused or
        // loses a race are harmless: the sweep drops a step whose visa has no unfiled notice, and sends the others
        // under the recorded entry's own outbox keys, once.
        if (isEntry && await visas.GetAsync(visaNumber, request.HttpContext.RequestAborted) is { Entry: null } unused)
        {
            var notice = ArrivalNoticeFor(crossing);
            LogComputedCalendar(visaNumber, KazakhstanTime.DateOf(crossing.At), notice.LastDay);
            await arrivalNotices.ScheduleAsync(ArrivalNoticeReminders.Plan(unused.VisaNumber, crossing.At, notice,
                KazakhstanCalendar.Default), request.HttpContext.RequestAborted);
            // The inviting party hears of the entry; sent once the entry is recorded (the sender checks).
            await outbox.TryAddAsync(unused.ApplicationId, NoticeTemplateIds.GuestEntered, unused.InviterId, NoticeTemplateIds.GuestEntered,
                new { unused.VisaNumber }, request.HttpContext.RequestAborted);
        }

        var change = await visas.ChangeAsync<IActionResult?>(visaNumber, visa => decide(visa, crossing, body.PassportNumber!),
            request.HttpContext.RequestAborted);
        if (change is null)
            return Problems.NotFound("visa");
        return change.Outcome ?? new ObjectResult(VisaView.From(change.Visa, crossing.At)) { StatusCode = StatusCodes.Status201Created };
    }

    private static (VisaRecord?, IActionResult?) RecordEntry(VisaRecord visa, VisaCrossing entry, string passportNumber)
    {
        // R1: single entry. Checked on the latest state, so the loser of a race gets this too.
        if (visa.Entry is not null)
        {
            return (null, Problems.Create(StatusCodes.Status409Conflict, "already-entered",
                "This single-entry visa has already been used to enter.",
                $"The entry was recorded at {visa.Entry.Checkpoint} on {visa.Entry.At:yyyy-MM-dd HH:mm} UTC."));
        }

        var refusals = visa.Refusals(KazakhstanTime.DateOf(entry.At), passportNumber);
        if (refusals.Count > 0)
            return (null, Refused("entry-refused", "The visa does not permit this entry.", refusals));

        return (visa with { Entry = entry, ArrivalNotice = ArrivalNoticeFor(entry) }, null);
    }

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

    /// <summary>R13: the entry starts the inviting party's three working days for the arrival notice.</summary>
    private static ArrivalNoticeState ArrivalNoticeFor(VisaCrossing entry) => new(
        ArrivalNotice.LastDay(KazakhstanTime.DateOf(entry.At), KazakhstanCalendar.Default),
        ArrivalNotice.Deadline(entry.At, KazakhstanCalendar.Default),
        FiledAt: null);

    private static (VisaRecord?, IActionResult?) RecordExit(VisaRecord visa, VisaCrossing exit, string passportNumber)
    {
        if (visa.Entry is null)
            return (null, Problems.Create(StatusCodes.Status409Conflict, "not-entered", "No entry is recorded on this visa, so there is no exit to record."));
        if (visa.Exit is not null)
        {
            return (null, Problems.Create(StatusCodes.Status409Conflict, "already-exited", "The exit on this visa is already recorded.",
                $"The exit was recorded at {visa.Exit.Checkpoint} on {visa.Exit.At:yyyy-MM-dd HH:mm} UTC."));
        }

        // A revoked or expired visa never keeps a traveller in: only the passport must be the visa's (R10).
        if (!PassportNumber.Same(visa.PassportNumber, passportNumber))
            return (null, Refused("exit-refused", "The presented passport is not the visa's.", [VisaReasons.PassportMismatch]));
        return (visa with { Exit = exit }, null);
    }

    private static IActionResult Refused(string code, string title, IReadOnlyList<string> reasons) =>
        Problems.Create(StatusCodes.Status422UnprocessableEntity, code, title,
            "Reasons: " + string.Join(", ", reasons) + ".",
            new Dictionary<string, object?> { ["reasons"] = reasons });
}
