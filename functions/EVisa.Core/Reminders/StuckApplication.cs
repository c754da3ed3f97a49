using EVisa.Core.Storage;
using EVisa.Core.Workflow;

namespace EVisa.Core.Reminders;

/// <summary>
/// An application left in <paramref name="Status"/> since <paramref name="Since"/>, past the time its orchestration
/// should have moved it on; <paramref name="RuntimeStatus"/> is the durable instance's status when it was found
/// (<c>failed</c>, <c>terminated</c>, <c>running</c>, ...; <c>missing</c> when there is no instance; null when not looked up);
/// <paramref name="Closure"/> is how an officer closed it (restarted, ended), null while open.
/// </summary>
public sealed record StuckApplication(
    string ApplicationId,
    ApplicationStatus Status,
    DateTimeOffset Since,
    DateTimeOffset ReportedAt,
    string? RuntimeStatus,
    Closure? Closure = null);
