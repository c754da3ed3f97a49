using Azure;
using EVisa.Core.Payments;
using EVisa.Core.Rules;
using EVisa.Core.Workflow;

namespace EVisa.Core.Storage;

/// <summary>An application as the API shows it.</summary>
public sealed record ApplicationView(
    string ApplicationId,
    string ApplicantId,
    ApplicationStatus Status,
    DateTimeOffset StatusChangedAt,
    DateTimeOffset? SubmittedAt = null,
    IReadOnlyList<RuleViolation>? Reasons = null,
    DraftVisa? Draft = null,
    PaymentRequest? Payment = null,
    string? VisaNumber = null,
    PaymentFailure? LastPaymentFailure = null);

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

/// <summary>One row of an officer's list of applications in a status.</summary>
public sealed record ApplicationListItem(string ApplicationId, DateTimeOffset StatusChangedAt);
