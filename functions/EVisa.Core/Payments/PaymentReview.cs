
namespace EVisa.Core.Payments;

/// <summary>A payment an officer must look at. No personal data: ids, amounts and times only.</summary>
public sealed record PaymentReview(
    string EventId,
    string PaymentReference,
    string? ApplicationId,
    long AmountMinor,
    string Currency,
    string Reason,
    DateTimeOffset OccurredAt,
    DateTimeOffset ReceivedAt);
