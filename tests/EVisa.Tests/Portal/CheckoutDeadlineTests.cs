using System.Net;
using System.Net.Http.Json;
using EVisa.DevServer;
using EVisa.Tests.Infrastructure;
using EVisa.Tests.Pipeline;

namespace EVisa.Tests.Portal;

/// <summary>A DevServer whose payment wait is seconds (the confirmation wait stays long, so it does not race).</summary>
public sealed class ShortPaymentWaitServer : IAsyncLifetime
{
    public DevServerHost Server { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Server = await TestServers.StartAsync(TestServers.UniqueHub("deadline"), new CapturedLogs(), settings: new Dictionary<string, string?>
        {
            ["Workflow:ConfirmationTimeout"] = "00:10:00",
            ["Workflow:PaymentTimeout"] = "00:00:03",
        });

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

public sealed class CheckoutDeadlineTests(ShortPaymentWaitServer fixture) : IClassFixture<ShortPaymentWaitServer>
{
    [Fact]
    [Trait("Rule", "R5")]
    public async Task Past_the_payment_deadline_there_is_no_checkout_any_more()
    {
        var scenario = new PipelineScenario(fixture.Server);
        var applicationId = await scenario.AwaitingPaymentAsync();
        await scenario.StatusBecomesAsync(applicationId, "expired");

        var response = await scenario.Applicant.PostAsJsonAsync($"/api/applications/{applicationId}/checkout",
            new { returnPath = "/status.html" });

        var problem = await CheckoutTests.AssertProblemAsync(response, HttpStatusCode.Conflict, "not-awaiting-payment");
        Assert.Equal("expired", problem.GetProperty("applicationStatus").GetString());
    }
}
