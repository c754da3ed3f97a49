namespace EVisa.Core.Payments;

/// <summary>
/// The fee asked of one application (R5): a unique reference the payment provider echoes back, the amount in
/// minor units and the currency, from the fee table.
/// </summary>
public sealed record PaymentRequest(string ApplicationId, string PaymentReference, long AmountMinor, string Currency);

/// <summary>
/// The event raised to an application's orchestration when a payment was credited to its request. Only the
/// webhook raises it, and only after it won the request's one conditional update, so each request is credited once.
/// </summary>
public sealed record PaymentCredited(string EventId, string PaymentReference, long AmountMinor, string Currency, DateTimeOffset PaidAt);

/// <summary>How a payment request ended when the orchestration stopped waiting for it.</summary>
public enum PaymentRequestClosing
{
    /// <summary>Closed unpaid: later payments for it go to the review queue (R8).</summary>
    Closed,

    /// <summary>A payment was credited just before the close: the orchestration goes on to issue the visa.</summary>
    AlreadyPaid,
}

/// <summary>The names both sides of the payment step agree on.</summary>
public static class PaymentWorkflow
{
    /// <summary>Activity: <see cref="PaymentRequestInput"/> in, <see cref="PaymentRequest"/> out; idempotent per application.</summary>
    public const string RequestPaymentActivity = "RequestPayment";

    /// <summary>Activity: <see cref="ClosePaymentRequestInput"/> in, <see cref="PaymentRequestClosing"/> out.</summary>
    public const string ClosePaymentRequestActivity = "ClosePaymentRequest";

    /// <summary>External event carrying <see cref="PaymentCredited"/>.</summary>
    public const string PaymentCreditedEvent = "PaymentCredited";
}

/// <param name="Category">The visa category's API name (tourist, business, medical).</param>
/// <param name="Nationality">ISO 3166-1 alpha-3.</param>
public sealed record PaymentRequestInput(string ApplicationId, string Category, string Nationality);

/// <param name="Reason">Why the wait ended unpaid: <c>expired</c> or <c>cancelled</c>.</param>
public sealed record ClosePaymentRequestInput(string ApplicationId, string PaymentReference, string Reason);
