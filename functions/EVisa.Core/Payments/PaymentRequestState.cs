namespace EVisa.Core.Payments;

/// <summary>Where a payment request stands. It leaves <see cref="Awaiting"/> once, by one conditional update.</summary>
public enum PaymentRequestState
{
    Awaiting,
    Paid,
    Closed,
}

/// <summary>A payment the provider reported as failed; the request stays awaiting, and the applicant may retry.</summary>
public sealed record PaymentFailure(string EventId, DateTimeOffset At);

/// <summary>
/// A payment request as stored: what was asked, where it stands, which event paid it or why it closed, and the
/// last failed attempt (shown in the application's status while it still awaits payment).
/// </summary>
public sealed record PaymentRequestRecord(
    PaymentRequest Request,
    PaymentRequestState State,
    string? PaidByEventId,
    string? ClosedReason,
    PaymentFailure? LastFailure)
{
    /// <summary>The failure to show the applicant: the last one, while the request still awaits payment; none after.</summary>
    public PaymentFailure? OutstandingFailure => State == PaymentRequestState.Awaiting ? LastFailure : null;
}
