namespace EVisa.Core.Payments;

/// <summary>
/// The fee asked of one application (R5): a unique reference the payment provider echoes back, the amount in
/// minor units and the currency, from the fee table.
/// </summary>
public sealed record PaymentRequest(string ApplicationId, string PaymentReference, long AmountMinor, string Currency);

/// <summary>How a payment request ended when the orchestration stopped waiting for it.</summary>
public enum PaymentRequestClosing
{
    /// <summary>Closed unpaid: later payments for it go to the review queue (R8).</summary>
    Closed,

    /// <summary>A payment was credited just before the close: the orchestration goes on to issue the visa.</summary>
    AlreadyPaid,
}

/// <param name="Category">The visa category's API name (tourist, business, medical).</param>
/// <param name="Nationality">ISO 3166-1 alpha-3.</param>
public sealed record PaymentRequestInput(string ApplicationId, string Category, string Nationality);

/// <param name="Reason">Why the wait ended unpaid: <c>expired</c> or <c>cancelled</c>.</param>
public sealed record ClosePaymentRequestInput(string ApplicationId, string PaymentReference, string Reason);

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
