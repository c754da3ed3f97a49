using EVisa.Core.Api.Notifications;
using EVisa.Core.Identity;
using EVisa.Core.Notifications;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace EVisa.Functions.Notifications;

public sealed class MailFunctions(OutboxSender sender, MailDeadLettersHandler deadLetters)
{
    /// <summary>
    /// Sends what the outbox holds. A timer sweep over the pending index rather than a queue trigger: the outbox row and
    /// its index row are the one record of what to send (no second write to a queue that could be lost between), both
    /// hosts run timers, and backoff is the index row's next due time. The schedule is the <c>MailSchedule</c> setting.
    /// </summary>
    [Function(OutboxSender.TimerName)]
    public Task Run([TimerTrigger("%MailSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        sender.RunAsync(cancellationToken);

    [Function("ListMailDeadLetters")]
    [RequiresRole(Role.Officer)]
    public Task<IActionResult> ListDeadLetters(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "notifications/dead-letters")] HttpRequest request) =>
        deadLetters.HandleAsync(request);
}
