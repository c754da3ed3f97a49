using System.Net;
using System.Text;
using EVisa.Core.Identity;
using EVisa.DevServer.Payments;
using EVisa.Tests.Foundation;
using EVisa.Tests.Infrastructure;
using EVisa.Tests.Pipeline;

namespace EVisa.Tests.Faults;

/// <summary>
/// Found by the fuzz test: JSON whose strings hold invalid UTF-8 or an escaped lone surrogate parses, but reading the
/// string threw, so a client's bad bytes were a 500. They are a 400 now, on every route that reads a body.
/// </summary>
[Trait("Category", "Faults")]
public sealed class UnreadableTextTests
{
    [Theory]
    [InlineData("invalid-utf8")]
    [InlineData("lone-surrogate")]
    public async Task A_body_with_unreadable_text_is_a_400_problem_not_a_500(string kind)
    {
        var server = await TestServers.SharedAsync();
        var scenario = new PipelineScenario(server);
        var body = Unreadable(scenario.InvitationBody().ToJsonString(), kind);

        var response = await scenario.Inviter.PostAsync("/api/invitations", Json(body));

        await TokenTests.AssertProblemAsync(response, HttpStatusCode.BadRequest, "malformed-json");
    }

    [Theory]
    [InlineData("invalid-utf8")]
    [InlineData("lone-surrogate")]
    [Trait("Rule", "R8")]
    public async Task A_signed_webhook_with_unreadable_text_is_a_400_problem_not_a_500(string kind)
    {
        var server = await TestServers.SharedAsync();
        var provider = new PaymentProviderSimulator(server.Client(), PaymentProviderSimulator.DevelopmentSecret);
        var body = Unreadable(Encoding.UTF8.GetString(provider.Body(new SimulatedPayment("PAY-X", 8000, "USD"), PaymentProviderSimulator.NewEventId())), kind);

        var response = await provider.SendRawAsync(body, provider.Sign(body));

        await TokenTests.AssertProblemAsync(response, HttpStatusCode.BadRequest, "validation-failed");
    }

    [Fact]
    public async Task A_form_with_unreadable_text_is_a_400_problem_for_the_applicant()
    {
        var server = await TestServers.SharedAsync();
        var scenario = new PipelineScenario(server);
        var body = Unreadable(scenario.ApplicationBody("0000000000").ToJsonString(), "lone-surrogate");

        var response = await server.ClientFor(scenario.ApplicantSubject, Role.Applicant).PostAsync("/api/applications", Json(body));

        await TokenTests.AssertProblemAsync(response, HttpStatusCode.BadRequest, "malformed-json");
    }

    /// <summary>The JSON text with its "USD" or "Li" string made unreadable: a stray 0xFF byte, or an escaped lone surrogate.</summary>
    private static byte[] Unreadable(string json, string kind)
    {
        var target = json.Contains("\"USD\"", StringComparison.Ordinal) ? "\"USD\"" : "\"Li\"";
        if (kind == "lone-surrogate")
            return Encoding.UTF8.GetBytes(json.Replace(target, "\"\\ud800\"", StringComparison.Ordinal));
        var bytes = Encoding.UTF8.GetBytes(json).ToList();
        bytes.Insert(json.IndexOf(target, StringComparison.Ordinal) + 1, 0xFF);
        return [.. bytes];
    }

    private static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        return content;
    }
}
