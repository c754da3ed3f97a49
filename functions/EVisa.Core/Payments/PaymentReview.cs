using EVisa.Core.Storage;

namespace EVisa.Core.Payments;

/// <summary>
/// A payment an officer must look at. No personal data: ids, amounts and times only. <paramref name="Id"/> is stable
/// (the row key: arrival time and event id), <paramref name="Resolution"/> the officer's final word, null while open.
/// </summary>
public sealed record PaymentReview(
    string EventId,
    string PaymentReference,
    string? ApplicationId,
    long AmountMinor,
    string Currency,
    string Reason,
    DateTimeOffset OccurredAt,
    DateTimeOffset ReceivedAt,
    string? Id = null,
    Closure? Resolution = null);
