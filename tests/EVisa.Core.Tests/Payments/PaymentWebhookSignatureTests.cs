using System.Text;
using EVisa.Core.Payments;

namespace EVisa.Core.Tests.Payments;

/// <summary>The signature format both the provider simulator and the webhook use, checked without a server.</summary>
[Trait("Rule", "R8")]
public sealed class PaymentWebhookSignatureTests
{
    private static readonly DateTimeOffset Now = new(2027, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"eventId\":\"evt_1\"}");
    private static readonly string[] Secrets = ["secret-a", "secret-b"];

    [Fact]
    public void A_signature_made_with_either_secret_verifies()
    {
        foreach (var secret in Secrets)
        {
            var header = PaymentWebhookSignature.Create(secret, Now.ToUnixTimeSeconds(), Body);
            Assert.Equal(SignatureCheck.Valid, Verify(header));
        }
    }

    [Fact]
    public void The_signature_is_hmac_sha256_of_timestamp_dot_body_in_lowercase_hex()
    {
        var header = PaymentWebhookSignature.Create("key", 1700000000, "{}"u8);
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData("key"u8, "1700000000.{}"u8));
        Assert.Equal($"t=1700000000,v1={expected}", header);
    }

    [Fact]
    public void Any_one_of_several_v1_signatures_may_match_and_unknown_schemes_are_ignored()
    {
        var good = PaymentWebhookSignature.Create("secret-b", Now.ToUnixTimeSeconds(), Body);
        var v1 = good[(good.IndexOf("v1=", StringComparison.Ordinal) + 3)..];
        Assert.Equal(SignatureCheck.Valid, Verify($"t={Now.ToUnixTimeSeconds()},v1={new string('0', 64)},v1={v1},v0=abc"));
    }

    [Theory]
    [InlineData(-301, SignatureCheck.OutsideTolerance)]
    [InlineData(301, SignatureCheck.OutsideTolerance)]
    [InlineData(-299, SignatureCheck.Valid)]
    [InlineData(299, SignatureCheck.Valid)]
    public void The_timestamp_must_be_within_five_minutes_either_way(int offsetSeconds, SignatureCheck expected)
    {
        var header = PaymentWebhookSignature.Create("secret-a", Now.AddSeconds(offsetSeconds).ToUnixTimeSeconds(), Body);
        Assert.Equal(expected, Verify(header));
    }

    [Theory]
    [InlineData(null, SignatureCheck.Missing)]
    [InlineData("", SignatureCheck.Missing)]
    [InlineData("t=1", SignatureCheck.Malformed)]
    [InlineData("v1=00", SignatureCheck.Malformed)]
    [InlineData("t=-5,v1=0000000000000000000000000000000000000000000000000000000000000000", SignatureCheck.Malformed)]
    [InlineData("t=999999999999,v1=0000000000000000000000000000000000000000000000000000000000000000", SignatureCheck.Malformed)]
    [InlineData("t=1,t=2,v1=0000000000000000000000000000000000000000000000000000000000000000", SignatureCheck.Malformed)]
    [InlineData("nonsense", SignatureCheck.Malformed)]
    public void Malformed_headers_are_refused(string? header, SignatureCheck expected) =>
        Assert.Equal(expected, Verify(header));

    [Fact]
    public void A_changed_body_or_an_unknown_secret_does_not_verify()
    {
        var header = PaymentWebhookSignature.Create("secret-a", Now.ToUnixTimeSeconds(), Body);
        Assert.Equal(SignatureCheck.Mismatch,
            PaymentWebhookSignature.Verify(header, Encoding.UTF8.GetBytes("{\"eventId\":\"evt_2\"}"), Secrets, Now, TimeSpan.FromMinutes(5)));
        Assert.Equal(SignatureCheck.Mismatch,
            Verify(PaymentWebhookSignature.Create("secret-c", Now.ToUnixTimeSeconds(), Body)));
    }

    private static SignatureCheck Verify(string? header) =>
        PaymentWebhookSignature.Verify(header, Body, Secrets, Now, TimeSpan.FromMinutes(5));
}
