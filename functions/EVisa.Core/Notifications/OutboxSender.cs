using System.Collections.Concurrent;
using EVisa.Core.Reminders;
using EVisa.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace EVisa.Core.Notifications;

/// <summary>What one sweep did: messages accepted, put off for a retry, given up on (dead letters), and dropped as stale.</summary>
public sealed record MailSweepResult(int Sent, int Deferred, int Dead, int Skipped);

/// <summary>
/// What the mail timer runs: works through the pending index's rows due by now, shard by shard, page by page. For
/// each, reads its outbox record, renders it from the stored data (<see cref="NoticeRenderer"/>), claims it (an ETag
/// update that counts the attempt, so two senders never send the same attempt), sends it over SMTP with a Message-ID
/// derived from the outbox key, and marks it sent only once the server accepted it. A 4xx answer or a broken
/// connection puts the row off with exponential backoff; a 5xx answer, or <see cref="MailOptions.MaxAttempts"/>
/// attempts, ends it in the dead-letter list. A server that cannot be reached ends the run: the rest wait for the
/// next one. A page's rows go out over <see cref="MailOptions.Connections"/> SMTP sessions at once. So a record is sent twice only if the process dies between the server's acceptance and the marking.
/// </summary>
public sealed class OutboxSender(
    OutboxStore outbox,
    NoticeRenderer renderer,
    MailDeadLetterStore deadLetters,
    IOptions<MailOptions> options,
    TimeProvider clock,
    ILogger<OutboxSender> logger)
{
    public const string TimerName = "MailTimer";

    private enum Step
    {
        Waiting,
        Sent,
        Deferred,
        Unreachable,
        Dead,
        Skipped,
    }

    /// <summary>The Message-ID of an outbox record: the same for every attempt, so a resend is recognisably the same message.</summary>
    public static string MessageIdFor(string partitionKey, string rowKey, string fromAddress)
    {
        var at = fromAddress.LastIndexOf('@');
        var domain = at >= 0 && at < fromAddress.Length - 1 ? fromAddress[(at + 1)..] : "evisa.local";
        return $"{partitionKey}.{rowKey}@{domain}";
    }

    public async Task<MailSweepResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        if (string.IsNullOrEmpty(settings.Host))
        {
            logger.LogWarning("No SMTP server is configured (Mail:Host); notices wait in the outbox");
            return new MailSweepResult(0, 0, 0, 0);
        }

        var now = clock.GetUtcNow();
        var counts = new ConcurrentDictionary<Step, int>();
        // Several SMTP sessions at once, each sending its rows in turn: a record's storage round trips, not the
        // server, bound one session, so a backlog drains several times faster.
        var mailers = new ConcurrentBag<SmtpMailer>(Enumerable.Range(0, Math.Max(1, settings.Connections)).Select(_ => new SmtpMailer(settings)));
        var unreachable = false;
        try
        {
            foreach (var shard in DueReminderStore.Shards)
            {
                string? token = null;
                do
                {
                    var (rows, next) = await outbox.DueAsync(shard, now, Math.Max(1, settings.PageSize), token, cancellationToken);
                    await Parallel.ForEachAsync(rows, new ParallelOptions { MaxDegreeOfParallelism = mailers.Count, CancellationToken = cancellationToken },
                        async (pending, ct) =>
                        {
                            if (Volatile.Read(ref unreachable) || !mailers.TryTake(out var mailer))
                                return;
                            try
                            {
                                var step = await SendAsync(pending, mailer, now, settings, ct);
                                counts.AddOrUpdate(step, 1, (_, n) => n + 1);
                                if (step == Step.Unreachable)
                                    Volatile.Write(ref unreachable, true);
                            }
                            finally
                            {
                                mailers.Add(mailer);
                            }
                        });
                    if (unreachable)
                    {
                        logger.LogWarning("The SMTP server cannot be reached; the sweep stops and the next one tries again");
                        return Result(counts);
                    }

                    token = next;
                }
                while (token is not null);
            }
        }
        finally
        {
            foreach (var mailer in mailers)
                await mailer.DisposeAsync();
        }

        var result = Result(counts);
        if (result.Sent + result.Deferred + result.Dead + result.Skipped > 0)
            logger.LogInformation("Mail sweep: {Sent} sent, {Deferred} deferred, {Dead} dead-lettered, {Skipped} skipped",
                result.Sent, result.Deferred, result.Dead, result.Skipped);
        return result;
    }

    private static MailSweepResult Result(ConcurrentDictionary<Step, int> counts) => new(counts.GetValueOrDefault(Step.Sent),
        counts.GetValueOrDefault(Step.Deferred) + counts.GetValueOrDefault(Step.Unreachable), counts.GetValueOrDefault(Step.Dead),
        counts.GetValueOrDefault(Step.Skipped));

    private async Task<Step> SendAsync(PendingMail pending, SmtpMailer mailer, DateTimeOffset now, MailOptions settings,
        CancellationToken cancellationToken)
    {
        var record = await outbox.GetAsync(pending.OutboxPartition, pending.OutboxRow, cancellationToken);
        if (record is null)
        {
            // The index row is written just before its record: wait for it a while, then drop the orphan.
            if (now - pending.WrittenAt > settings.WriteGrace)
                await outbox.DeletePendingAsync(pending, cancellationToken);
            return Step.Waiting;
        }

        if (record.IsDone)
        {
            await outbox.DeletePendingAsync(pending, cancellationToken);
            return Step.Waiting;
        }

        if (record.ClaimedUntil > now)
            return Step.Waiting; // another sender is at it

        var prepared = await renderer.PrepareAsync(record, cancellationToken);
        switch (prepared.Readiness)
        {
            case NoticeReadiness.NotYet when now - record.CreatedAt <= settings.WriteGrace:
                return Step.Waiting;
            case NoticeReadiness.NotYet or NoticeReadiness.Stale:
                await outbox.MarkAsync(record, OutboxOutcomes.Skipped, now, prepared.Why, cancellationToken);
                await outbox.DeletePendingAsync(pending, cancellationToken);
                logger.LogInformation("Notice {TemplateId} for {Reference} not sent: {Why}", record.TemplateId, record.PartitionKey, prepared.Why);
                return Step.Skipped;
            case NoticeReadiness.NoAddress:
                await DeadLetterAsync(pending, record, prepared.Why ?? "no-address", now, cancellationToken);
                return Step.Dead;
        }

        if (await outbox.TryClaimAsync(record, now + settings.ClaimLease, cancellationToken) is not { } claimed)
            return Step.Waiting;
        var messageId = MessageIdFor(record.PartitionKey, record.RowKey, settings.From);
        if (!MailboxAddress.TryParse(prepared.To, out var to))
        {
            await DeadLetterAsync(pending, claimed, "bad-address", now, cancellationToken);
            return Step.Dead;
        }

        using var message = Message(settings, to, prepared.Content!, messageId, record.CreatedAt);
        var result = await mailer.SendAsync(message, cancellationToken);
        switch (result.Delivery)
        {
            case MailDelivery.Accepted:
                await outbox.MarkAsync(claimed, OutboxOutcomes.Sent, clock.GetUtcNow(), messageId, cancellationToken);
                await outbox.DeletePendingAsync(pending, cancellationToken);
                logger.LogInformation("Notice {TemplateId} for {Reference} accepted by the SMTP server", record.TemplateId, record.PartitionKey);
                return Step.Sent;
            case MailDelivery.Refused:
                await DeadLetterAsync(pending, claimed, $"smtp-{result.Detail}", now, cancellationToken);
                return Step.Dead;
        }

        if (claimed.Attempts >= settings.MaxAttempts)
        {
            await DeadLetterAsync(pending, claimed, $"attempts-{result.Detail}", now, cancellationToken);
            return Step.Dead;
        }

        var retryAt = now + settings.RetryDelay(claimed.Attempts);
        await outbox.MarkAsync(claimed, OutboxOutcomes.Retrying, now, result.Detail, cancellationToken);
        await outbox.RescheduleAsync(pending, retryAt, cancellationToken);
        logger.LogInformation("Notice {TemplateId} for {Reference} deferred ({Detail}), attempt {Attempts}; next at {RetryAt:o}",
            record.TemplateId, record.PartitionKey, result.Detail, claimed.Attempts, retryAt);
        return result.Delivery == MailDelivery.Unreachable ? Step.Unreachable : Step.Deferred;
    }

    private async Task DeadLetterAsync(PendingMail pending, OutboxRecord record, string reason, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        // Listed before it is marked, so a crash between leaves a record the next sweep lists again (once: a conditional insert).
        await deadLetters.AddAsync(new MailDeadLetter(record.PartitionKey, record.RowKey, record.TemplateId, record.Attempts, reason,
            record.CreatedAt, now), cancellationToken);
        await outbox.MarkAsync(record, OutboxOutcomes.Dead, now, reason, cancellationToken);
        await outbox.DeletePendingAsync(pending, cancellationToken);
        logger.LogWarning("Notice {TemplateId} for {Reference} given up after {Attempts} attempts: {Reason}",
            record.TemplateId, record.PartitionKey, record.Attempts, reason);
    }

    private static MimeMessage Message(MailOptions settings, MailboxAddress to, RenderedNotice content, string messageId, DateTimeOffset createdAt)
    {
        var message = new MimeMessage
        {
            Subject = content.Subject,
            MessageId = messageId,
            Date = createdAt,
            Body = new BodyBuilder { TextBody = content.Text, HtmlBody = content.Html }.ToMessageBody(),
        };
        message.From.Add(new MailboxAddress(settings.FromName, settings.From));
        message.To.Add(to);
        return message;
    }
}
