using EVisa.Core.Notifications;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace EVisa.Core.Api.Notifications;

/// <summary>
/// <c>GET /api/notifications/dead-letters?pageSize=&amp;continuationToken=</c>, for officers: the notices the sender
/// gave up on (refused for good, or too many attempts), a page at a time. Each names its outbox record and why, never
/// the address: officers look the application or invitation up.
/// </summary>
public sealed class MailDeadLettersHandler(MailDeadLetterStore deadLetters)
{
    public Task<IActionResult> HandleAsync(HttpRequest request) =>
        PageQuery.AnswerAsync(request, async (page, cancellationToken) =>
        {
            var (items, next) = await deadLetters.ListAsync(page.PageSize, page.StorageToken, cancellationToken);
            return new
            {
                Items = items.Select(d => new
                {
                    Reference = d.OutboxPartition,
                    Notice = d.OutboxRow,
                    d.TemplateId,
                    d.Attempts,
                    d.Reason,
                    d.CreatedAt,
                    d.DeadAt,
                }),
                ContinuationToken = PageQuery.Next(next),
            };
        });
}
