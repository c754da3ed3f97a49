namespace EVisa.Core.Payments;

/// <summary>
/// Why a payment went to an officer instead of being credited (R8: recorded and queued, never dropped). An API
/// contract like every <c>...Reasons</c> class (stored on the review, answered to officers): add, never rename.
/// </summary>
public static class PaymentReviewReasons
{
    public const string UnknownReference = "unknown-reference";
    public const string AmountMismatch = "amount-mismatch";
    public const string CurrencyMismatch = "currency-mismatch";
    public const string AlreadyPaid = "already-paid";
    public const string RequestClosed = "request-closed";

    /// <summary>Credited to its request, but the application's orchestration is gone or finished, so nothing will issue the visa.</summary>
    public const string ApplicationNotWaiting = "application-not-waiting";

    /// <summary>Credited, but the visa could not be issued after all (its invitation was used meanwhile, R2).</summary>
    public const string RefusedAfterPayment = "refused-after-payment";
}
