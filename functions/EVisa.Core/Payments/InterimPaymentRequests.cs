using EVisa.Core.Rules;

namespace EVisa.Core.Payments;

/// <summary>
/// INTERIM, to be deleted when the payments branch merges its real <c>RequestPayment</c> and
/// <c>ClosePaymentRequest</c>: just enough of the contract for the pipeline to run end to end. It stores nothing;
/// the reference is derived from the application id, so it is stable across retries.
/// </summary>
public sealed class InterimPaymentRequests(FeeSchedule fees)
{
    public PaymentRequest Request(PaymentRequestInput input)
    {
        if (!VisaCategoryNames.TryParse(input.Category, out var category) || !CountryCode.TryParse(input.Nationality, out var nationality))
            throw new ArgumentException("The category or nationality is unknown.", nameof(input));
        var fee = fees.FeeFor(category, nationality.Value);
        return new PaymentRequest(input.ApplicationId, "PAY-" + input.ApplicationId, fee.AmountMinor, fee.Currency);
    }

    public static PaymentRequestClosing Close(ClosePaymentRequestInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return PaymentRequestClosing.Closed;
    }
}
