using EVisa.Core.Identity;
using EVisa.Core.Notifications;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace EVisa.Core.Api.Notifications;

/// <summary>
/// <c>GET /api/notifications/dead-letters?pageSize=&amp;continuationToken=</c>, for officers: the notices the sender
/// gave up on (refused for good, or too many attempts), a page at a time. Each names its outbox record and why, never
/// the address: officers look the application or invitation up.
/// </summary>
public sealed class MailDeadLettersHandler(RequestAuthorizer authorizer, MailDeadLetterStore deadLetters)
{
    public async Task<IActionResult> HandleAsync(HttpRequest request)
    {
        var authorization = await authorizer.AuthorizeAsync(request, Role.Officer);
        if (authorization.Caller is null)
            return authorization.Denial!;
        var errors = new Dictionary<string, string[]>();
        var page = PageQuery.Read(request, errors);
        if (page is null)
            return Problems.Validation(errors);

        return await page.AnswerAsync(async () =>
        {
            var (items, next) = await deadLetters.ListAsync(page.PageSize, page.StorageToken, request.HttpContext.RequestAborted);
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
}
