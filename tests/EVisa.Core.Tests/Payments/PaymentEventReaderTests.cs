using System.Text;
using EVisa.Core.Payments;

namespace EVisa.Core.Tests.Payments;

public sealed class PaymentEventReaderTests
{
    [Fact]
    public void A_well_formed_event_is_read_and_unknown_fields_are_ignored()
    {
        var (read, errors) = PaymentEventReader.Read(Encoding.UTF8.GetBytes(
            "{\"eventId\":\"evt_1\",\"paymentReference\":\"PAY-AB\",\"amount\":8000,\"currency\":\"USD\",\"outcome\":\"failed\"," +
            "\"time\":\"2027-03-01T12:00:00Z\",\"card\":{\"brand\":\"visa\"}}"));

        Assert.Empty(errors);
        Assert.Equal(new PaymentEvent("evt_1", "PAY-AB", 8000, "USD", PaymentOutcome.Failed,
            new DateTimeOffset(2027, 3, 1, 12, 0, 0, TimeSpan.Zero)), read);
    }

    [Fact]
    public void Every_bad_field_is_reported_at_once()
    {
        var (read, errors) = PaymentEventReader.Read(Encoding.UTF8.GetBytes(
            "{\"eventId\":\"evt#1\",\"amount\":\"80\",\"currency\":\"US\",\"outcome\":\"refunded\",\"time\":\"soon\"}"));

        Assert.Null(read);
        Assert.Equal(["amount", "currency", "eventId", "outcome", "paymentReference", "time"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("42")]
    public void A_body_that_is_not_a_json_object_is_refused(string json)
    {
        var (read, errors) = PaymentEventReader.Read(Encoding.UTF8.GetBytes(json));
        Assert.Null(read);
        Assert.True(errors.ContainsKey("$"));
    }

    [Theory]
    [InlineData("\\ud800")]
    [InlineData("a\\udfffb")]
    public void An_escaped_lone_surrogate_is_a_refusal_not_an_exception(string escaped)
    {
        // Found by the fuzz test: the parser accepts it, reading the string threw, and the webhook answered 500.
        var (read, errors) = PaymentEventReader.Read(Encoding.UTF8.GetBytes(
            "{\"eventId\":\"evt_1\",\"paymentReference\":\"PAY-AB\",\"amount\":8000,\"currency\":\"" + escaped +
            "\",\"outcome\":\"failed\",\"time\":\"2027-03-01T12:00:00Z\"}"));

        Assert.Null(read);
        Assert.True(errors.ContainsKey("$"));
    }

    [Fact]
    public void Invalid_UTF8_inside_a_string_is_a_refusal_not_an_exception()
    {
        var body = Encoding.UTF8.GetBytes("{\"eventId\":\"evt_1\",\"paymentReference\":\"PAY-AB\",\"amount\":8000,\"currency\":\"USD\"," +
            "\"outcome\":\"failed\",\"time\":\"2027-03-01T12:00:00Z\"}").ToList();
        var at = body.IndexOf((byte)'U');
        body.Insert(at, 0xFF);

        var (read, errors) = PaymentEventReader.Read(body.ToArray());

        Assert.Null(read);
        Assert.True(errors.ContainsKey("$"));
    }
}
