using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using EVisa.Core.Api.Applications;
using EVisa.Core.Notifications;
using EVisa.Core.Payments;
using EVisa.Core.Storage;
using EVisa.Core.Workflow;
using EVisa.Tests.Infrastructure;
using EVisa.Tests.Payments;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace EVisa.Tests.Pipeline;

/// <summary>
/// What a process killed mid-step leaves behind, and how the next request or the next delivery of a work item heals
/// it: nothing lost, nothing moved back, nothing doubled (the kill -9 scenario of the load bench, in small).
/// </summary>
public sealed class InterruptedStepTests
{
    [Theory]
    [InlineData("confirmation", "awaiting-payment")]
    [InlineData("cancellation", "cancelled")]
    public async Task A_submission_cut_off_between_its_row_and_its_orchestration_is_started_by_the_applicant_s_next_step(
        string action, string reached)
    {
        var server = await TestServers.SharedAsync();
        var scenario = new PipelineScenario(server);
        var durable = server.Services.GetRequiredService<DurableTaskClient>();
        var body = scenario.ApplicationBody(await scenario.ApprovedInvitationAsync());
        var (form, _) = ApplicationSubmissionHandler.ReadForm(JsonSerializer.SerializeToElement(body));
        var applicationId = Guid.NewGuid().ToString("N");

        // What the submission had done when the process died: the contact and the decided row, no orchestration.
        await server.Services.GetRequiredService<ApplicantContactStore>().SaveAsync(applicationId,
            new NoticeContact(form!.Email, form.Language), CancellationToken.None);
        var decided = await server.Services.GetRequiredService<ApplicationIntake>()
            .DecideAsync(applicationId, scenario.ApplicantSubject, form, CancellationToken.None);
        Assert.Equal(ApplicationStatus.AwaitingConfirmation, decided.View!.Status);
        Assert.Null(await durable.GetInstanceAsync(applicationId));

        // The applicant acts on what the status page shows; a 503 application-starting asks to try again shortly.
        await Eventually.ReturnsAsync(
            async () => (await scenario.Applicant.PostAsync($"/api/applications/{applicationId}/{action}", null)).StatusCode,
            status => status == HttpStatusCode.Accepted, TimeSpan.FromSeconds(60), $"{action} accepted");

        await scenario.StatusBecomesAsync(applicationId, reached);
        Assert.NotNull(await durable.GetInstanceAsync(applicationId));
    }

    [Fact]
    public async Task A_confirmation_step_delivered_again_after_the_visa_was_issued_leaves_the_application_issued()
    {
        var kit = await PaymentTestKit.StartAsync();
        var scenario = new PipelineScenario(kit.Server);
        var applicationId = await scenario.AwaitingPaymentAsync();
        var request = (await kit.Requests.GetByApplicationAsync(applicationId))!.Request;
        Assert.Equal("credited", await kit.PayAsync(PaymentTestKit.PaymentFor(request)));
        var issued = await scenario.StatusBecomesAsync(applicationId, "issued");

        // The durable runtime delivers an activity at least once: a work item taken before a crash comes back when its
        // lease runs out, after the orchestration has gone on and finished.
        var steps = kit.Server.Services.GetRequiredService<ApplicationSteps>();
        var again = await steps.ConfirmAsync(new ApplicationConfirmed(applicationId, DateTimeOffset.UtcNow, TimeSpan.FromHours(72)),
            CancellationToken.None);
        var store = kit.Server.Services.GetRequiredService<ApplicationStatusStore>();
        var recorded = await store.RecordAsync(new ApplicationStatusChange(applicationId, scenario.ApplicantSubject, scenario.Email,
            ApplicationStatus.AwaitingPayment, DateTimeOffset.UtcNow));

        Assert.Equal(ApplicationStatus.Issued, again);
        Assert.False(recorded);
        var status = await scenario.StatusAsync(applicationId);
        Assert.Equal("issued", status.GetProperty("status").GetString());
        Assert.Equal(issued.GetProperty("visaNumber").GetString(), status.GetProperty("visaNumber").GetString());
        var index = await kit.Server.Services.GetRequiredService<StorageTables>().GetAsync(StorageTables.ApplicationsByStatus);
        var indexed = new List<string>();
        await foreach (var row in index.QueryAsync<TableEntity>(e => e.RowKey == applicationId))
            indexed.Add(row.PartitionKey);
        Assert.Equal(["issued"], indexed);
    }

    [Fact]
    [Trait("Rule", "R8")]
    public async Task A_credit_raised_just_before_a_crash_and_delivered_again_after_the_issue_is_not_sent_to_review()
    {
        var kit = await PaymentTestKit.StartAsync();
        var scenario = new PipelineScenario(kit.Server);
        var applicationId = await scenario.AwaitingPaymentAsync();
        var request = (await kit.Requests.GetByApplicationAsync(applicationId))!.Request;
        var payment = PaymentTestKit.PaymentFor(request);

        // The first delivery credited the request and raised the event, and died before marking it delivered.
        var crashedAt = DateTimeOffset.UtcNow - PaymentCrediting.Lease - TimeSpan.FromSeconds(5);
        var recorded = new PaymentEvent(payment.EventId!, request.PaymentReference, request.AmountMinor, request.Currency,
            PaymentOutcome.Succeeded, crashedAt);
        await kit.Events.RecordAsync(recorded, crashedAt);
        var read = await kit.Requests.GetAsync(request.PaymentReference);
        Assert.True(await kit.Requests.TryMarkPaidAsync(request.PaymentReference, recorded.EventId, crashedAt, read!.ETag));
        await kit.Events.SetStateAsync(recorded.EventId, PaymentEventState.Credited, applicationId);
        await kit.Server.Services.GetRequiredService<DurableTaskClient>().RaiseAsync(
            new PaymentCredited(applicationId, recorded.EventId, request.PaymentReference, request.AmountMinor, request.Currency, crashedAt));
        await scenario.StatusBecomesAsync(applicationId, "issued");
        await Eventually.ReturnsAsync(
            async () => await kit.Server.Services.GetRequiredService<DurableTaskClient>().GetInstanceAsync(applicationId),
            instance => instance is { IsCompleted: true }, what: "the orchestration finished");

        // The provider, never answered, delivers the event again.
        Assert.Equal("credited", await kit.PayAsync(payment));

        Assert.Equal(PaymentEventState.Delivered, (await kit.Events.GetAsync(recorded.EventId))!.State);
        Assert.Null(await kit.ReviewOfAsync(recorded.EventId));
        Assert.Equal("issued", (await scenario.StatusAsync(applicationId)).GetProperty("status").GetString());
    }
}
