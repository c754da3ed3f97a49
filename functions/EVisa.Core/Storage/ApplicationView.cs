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
