using Azure;
using EVisa.Core.Workflow;

namespace EVisa.Core.Storage;

/// <summary>
/// An application as its own storage keeps it for the steps that act on it: the view, the form it was submitted with
/// (the orchestration carries ids only, so the steps read the person's data here) and the invitation it names.
/// </summary>
public sealed record StoredApplication(ApplicationView View, ApplicationForm? Form, string? InvitationId, string? PreviousStatus,
    string? PassportKey, string? Category)
{
    /// <summary>The row's version as read, for a write that must not overwrite a change made since.</summary>
    public ETag ETag { get; init; }
}
