namespace EVisa.Core.Payments;

/// <summary>
/// How the payment webhook is authenticated, from configuration section <c>PaymentWebhook</c>: the shared secrets
/// (<c>PaymentWebhook:Secrets:0</c>, <c>:1</c>; two during a rotation, each used as its UTF-8 bytes), the clock
/// tolerance and the largest body read.
/// </summary>
public sealed class PaymentWebhookOptions
{
    public const string SectionName = "PaymentWebhook";

    public List<string> Secrets { get; set; } = [];

    /// <summary>How far a signature's timestamp may be from now, either way, so a captured request cannot be replayed later.</summary>
    public TimeSpan Tolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A provider event is well under 1 KB; anything past this is refused before it is buffered.</summary>
    public int MaxBodyBytes { get; set; } = 64 * 1024;
}
