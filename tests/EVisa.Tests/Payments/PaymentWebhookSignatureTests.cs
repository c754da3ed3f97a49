using System.Net;
using System.Text;
using EVisa.Core.Payments;
using EVisa.Tests.Foundation;
using EVisa.Tests.Infrastructure;

namespace EVisa.Tests.Payments;

/// <summary>
/// The webhook is authenticated by its signature alone: every fault answers 401 problem+json and records nothing,
/// so no forged or replayed request can credit a payment (R8).
/// </summary>
[Trait("Rule", "R8")]
public sealed class PaymentWebhookSignatureTests
{
    public enum Fault
    {
        MissingHeader,
        NotKeyValue,
        NoSignature,
        NoTimestamp,
        TimestampNotANumber,
        SignatureNotHex,
        Stale,
        Future,
        WrongSecret,
        BodyChangedAfterSigning,
    }

    [Theory]
    [InlineData(Fault.MissingHeader)]
    [InlineData(Fault.NotKeyValue)]
    [InlineData(Fault.NoSignature)]
    [InlineData(Fault.NoTimestamp)]
    [InlineData(Fault.TimestampNotANumber)]
    [InlineData(Fault.SignatureNotHex)]
    [InlineData(Fault.Stale)]
    [InlineData(Fault.Future)]
    [InlineData(Fault.WrongSecret)]
    [InlineData(Fault.BodyChangedAfterSigning)]
    public async Task A_bad_signature_gets_401_and_changes_nothing(Fault fault)
    {
        var kit = await PaymentTestKit.StartAsync();
        var request = await kit.NewRequestAsync();
        var payment = PaymentTestKit.PaymentFor(request);
        var body = kit.Provider.Body(payment, payment.EventId!);
        var now = DateTimeOffset.UtcNow;
        var good = kit.Provider.Sign(body);
        var hex = good[(good.IndexOf("v1=", StringComparison.Ordinal) + 3)..];

        var (sent, signature) = fault switch
        {
            Fault.MissingHeader => (body, null),
            Fault.NotKeyValue => (body, "garbage"),
            Fault.NoSignature => (body, $"t={now.ToUnixTimeSeconds()}"),
            Fault.NoTimestamp => (body, $"v1={hex}"),
            Fault.TimestampNotANumber => (body, $"t=yesterday,v1={hex}"),
            Fault.SignatureNotHex => (body, $"t={now.ToUnixTimeSeconds()},v1={new string('z', 64)}"),
            Fault.Stale => (body, kit.Provider.Sign(body, now.AddMinutes(-6))),
            Fault.Future => (body, kit.Provider.Sign(body, now.AddMinutes(6))),
            Fault.WrongSecret => (body, PaymentWebhookSignature.Create("not-the-secret", now.ToUnixTimeSeconds(), body)),
            Fault.BodyChangedAfterSigning => (Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("8000", "8001", StringComparison.Ordinal)), good),
            _ => throw new ArgumentOutOfRangeException(nameof(fault)),
        };

        var response = await kit.Provider.SendRawAsync(sent, signature);

        await TokenTests.AssertProblemAsync(response, HttpStatusCode.Unauthorized, "invalid-signature");
        Assert.Null(await kit.Events.GetAsync(payment.EventId!));
        Assert.Equal(PaymentRequestState.Awaiting, (await kit.Requests.GetByApplicationAsync(request.ApplicationId))!.State);
    }

    [Fact]
    public async Task A_signature_within_the_tolerance_is_accepted()
    {
        var kit = await PaymentTestKit.StartAsync();
        var request = await kit.NewRequestAsync();
        var payment = PaymentTestKit.PaymentFor(request);
        var body = kit.Provider.Body(payment, payment.EventId!);

        var response = await kit.Provider.SendRawAsync(body, kit.Provider.Sign(body, DateTimeOffset.UtcNow.AddMinutes(-4)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(PaymentRequestState.Paid, (await kit.Requests.GetByApplicationAsync(request.ApplicationId))!.State);
    }

    [Fact]
    public async Task The_second_secret_is_accepted_during_a_rotation()
    {
        var kit = await PaymentTestKit.StartAsync(TestServers.RotatedPaymentWebhookSecret);
        var request = await kit.NewRequestAsync();
        var payment = PaymentTestKit.PaymentFor(request);

        await kit.PayAsync(payment);

        var stored = await kit.Requests.GetByApplicationAsync(request.ApplicationId);
        Assert.Equal(PaymentRequestState.Paid, stored!.State);
        Assert.Equal(payment.EventId, stored.PaidByEventId);
    }

    [Fact]
    public async Task A_body_over_the_limit_gets_413_and_changes_nothing()
    {
        var kit = await PaymentTestKit.StartAsync();
        var body = new byte[65 * 1024];
        Array.Fill(body, (byte)' ');

        var response = await kit.Provider.SendRawAsync(body, kit.Provider.Sign(body));

        await TokenTests.AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "body-too-large");
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{\"eventId\":\"evt_x\",\"paymentReference\":\"PAY-1\",\"amount\":80.5,\"currency\":\"USD\",\"outcome\":\"succeeded\",\"time\":\"2027-01-01T00:00:00Z\"}")]
    [InlineData("{\"eventId\":\"evt/x\",\"paymentReference\":\"PAY-1\",\"amount\":8000,\"currency\":\"USD\",\"outcome\":\"succeeded\",\"time\":\"2027-01-01T00:00:00Z\"}")]
    [InlineData("{\"eventId\":\"evt_x\",\"paymentReference\":\"PAY-1\",\"amount\":8000,\"currency\":\"usd\",\"outcome\":\"refunded\",\"time\":\"2027-01-01T00:00:00Z\"}")]
    public async Task A_signed_but_malformed_body_gets_400(string json)
    {
        var kit = await PaymentTestKit.StartAsync();
        var body = Encoding.UTF8.GetBytes(json);

        var response = await kit.Provider.SendRawAsync(body, kit.Provider.Sign(body));

        await TokenTests.AssertProblemAsync(response, HttpStatusCode.BadRequest, "validation-failed");
    }
}
