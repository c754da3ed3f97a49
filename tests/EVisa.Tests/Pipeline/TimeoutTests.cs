using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using EVisa.Core.Api.Applications;
using EVisa.Core.Storage;
using EVisa.Core.Workflow;
using EVisa.DevServer;
using EVisa.Tests.Infrastructure;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace EVisa.Tests.Pipeline;

/// <summary>A DevServer whose pipeline waits seconds, not days: the timeouts come from configuration.</summary>
public sealed class ShortTimeoutServer : IAsyncLifetime
{
    public CapturedLogs Logs { get; } = new();

    public DevServerHost Server { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Server = await TestServers.StartAsync(TestServers.UniqueHub("timeouts"), Logs, settings: new Dictionary<string, string?>
        {
            ["Workflow:ConfirmationTimeout"] = "00:00:02",
            ["Workflow:PaymentTimeout"] = "00:00:02",
        });

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

public sealed class TimeoutTests(ShortTimeoutServer fixture) : IClassFixture<ShortTimeoutServer>
{
    [Fact]
    [Trait("Rule", "R10")]
    public async Task An_unconfirmed_draft_expires_on_the_confirmation_timer()
    {
        var scenario = new PipelineScenario(fixture.Server);
        var applicationId = await scenario.ApplyAsync();

        var expired = await scenario.StatusBecomesAsync(applicationId, "expired");

        Assert.Equal(JsonValueKindNull, expired.GetProperty("payment").ValueKind);
        AssertNoPersonalData(scenario);
    }

    [Fact]
    [Trait("Rule", "R5")]
    public async Task An_unpaid_fee_expires_on_the_payment_timer()
    {
        // Decided as the submission decides, then started directly with a long confirmation wait and the server's
        // configured payment wait, so the test does not race the 2-second confirmation timer.
        var scenario = new PipelineScenario(fixture.Server);
        var form = ApplicationFormFor(scenario, await scenario.ApprovedInvitationAsync());
        var applicationId = Guid.NewGuid().ToString("N");
        var decided = await fixture.Server.Services.GetRequiredService<ApplicationIntake>()
            .DecideAsync(applicationId, scenario.ApplicantSubject, form, CancellationToken.None);
        Assert.Equal(ApplicationStatus.AwaitingConfirmation, decided.View?.Status);
        await fixture.Server.Services.GetRequiredService<DurableTaskClient>().ScheduleNewOrchestrationInstanceAsync(
            ApplicationWorkflowV2.OrchestratorName, decided.Orchestration! with { ConfirmationTimeout = TimeSpan.FromMinutes(10) },
            new StartOrchestrationOptions(applicationId));
        Assert.Equal(HttpStatusCode.Accepted, (await scenario.Applicant.PostAsync($"/api/applications/{applicationId}/confirmation", null)).StatusCode);

        await scenario.StatusBecomesAsync(applicationId, "expired");

        var outbox = await fixture.Server.Services.GetRequiredService<StorageTables>().GetAsync(StorageTables.Outbox);
        Assert.True((await outbox.GetEntityIfExistsAsync<TableEntity>(applicationId, "application-awaiting-payment")).HasValue);
        Assert.True((await outbox.GetEntityIfExistsAsync<TableEntity>(applicationId, "application-expired")).HasValue);
        AssertNoPersonalData(scenario);
    }

    private static ApplicationForm ApplicationFormFor(PipelineScenario scenario, string invitationNumber)
    {
        var body = scenario.ApplicationBody(invitationNumber);
        var (form, errors) = ApplicationSubmissionHandler.ReadForm(JsonSerializer.SerializeToElement(body));
        Assert.Empty(errors);
        return form!;
    }

    private const JsonValueKind JsonValueKindNull = JsonValueKind.Null;

    // Personal data never reaches the logs: the application id stands for the person.
    private void AssertNoPersonalData(PipelineScenario scenario) =>
        Assert.DoesNotContain(fixture.Logs.Lines, line => line.Contains(scenario.PassportNumber, StringComparison.OrdinalIgnoreCase));
}
