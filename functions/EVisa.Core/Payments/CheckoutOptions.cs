namespace EVisa.Core.Payments;

/// <summary>
/// The payment provider's hosted payment page, from configuration section <c>PaymentProvider</c>. The portal sends
/// the applicant there with the payment reference, the amount, the currency and the address to come back to; the
/// provider reports the outcome to the signed webhook. In Development the DevServer serves a simulated page and
/// sets <see cref="CheckoutUrl"/> to it when none is configured.
/// </summary>
public sealed class CheckoutOptions
{
    public const string SectionName = "PaymentProvider";

    /// <summary>The hosted page's address: absolute, or a path on the portal's own origin (the simulated page).</summary>
    public string? CheckoutUrl { get; set; }
}
