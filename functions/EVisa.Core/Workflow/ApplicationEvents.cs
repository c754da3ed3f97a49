using Microsoft.DurableTask.Client;

namespace EVisa.Core.Workflow;

/// <summary>
/// An event an application's orchestration waits for, raised to the instance whose id is the application id. Each
/// names its application, and the orchestration refuses one addressed to another (a raiser's defect: failed loudly,
/// never acted on). Instances in flight may hold the shapes raised before these records, in their queue or their
/// history: no payload at all for a confirmation or a cancellation (read as null), a credit without its application
/// id (read with a null <see cref="ApplicationId"/>); both are taken as addressed to the instance.
/// </summary>
public interface IApplicationEvent
{
    /// <summary>The event's name in the task hub; instances in flight wait on it, so it never changes.</summary>
    static abstract string Name { get; }

    string? ApplicationId { get; }
}

/// <summary>The applicant confirmed the draft visa against the passport (R10). Raised by the applicant's confirm.</summary>
public sealed record ApplicantConfirmed(string ApplicationId) : IApplicationEvent
{
    public static string Name => "ApplicantConfirmed";
}

/// <summary>The applicant cancelled before paying. Raised by the applicant's cancel.</summary>
public sealed record ApplicationCancelled(string ApplicationId) : IApplicationEvent
{
    public static string Name => "ApplicationCancelled";
}

/// <summary>
/// A payment was credited to the application's request (R8). Only the payments side raises it (a webhook's credit or an
/// officer's credit of a reviewed payment), and only after it won the request's one conditional update, so each request
/// is credited once.
/// </summary>
public sealed record PaymentCredited(string ApplicationId, string EventId, string PaymentReference, long AmountMinor, string Currency,
    DateTimeOffset PaidAt) : IApplicationEvent
{
    public static string Name => "PaymentCredited";
}

/// <summary>Raises an application's event, typed, to the instance its application id names.</summary>
public static class ApplicationEventRaising
{
    public static Task RaiseAsync<TEvent>(this DurableTaskClient client, TEvent applicationEvent,
        CancellationToken cancellationToken = default)
        where TEvent : class, IApplicationEvent
    {
        ArgumentNullException.ThrowIfNull(applicationEvent);
        var applicationId = applicationEvent.ApplicationId
            ?? throw new ArgumentException("The event names no application.", nameof(applicationEvent));
        return client.RaiseEventAsync(applicationId, TEvent.Name, applicationEvent, cancellationToken);
    }
}
