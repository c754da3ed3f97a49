using EVisa.Core.Payments;
using EVisa.Core.Rules;
using EVisa.Core.Storage;
using EVisa.Core.Visas;
using EVisa.Core.Workflow;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace EVisa.Tests.Workflow;

/// <summary>
/// Every branch of the application orchestration, on the in-process durable test host: the real orchestrators and
/// activities of EVisa.Functions, the real stores on Azurite, the waits shortened by the orchestration's input. The
/// end-to-end tests on the Azure Storage provider (Pipeline/, Payments/) drive the same code over HTTP.
/// </summary>
public sealed class ApplicationWorkflowTests
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(10);

    [Fact]
    [Trait("Rule", "R5")]
    [Trait("Rule", "R10")]
    [Trait("Rule", "R11")]
    public async Task Confirmed_and_paid_the_visa_is_issued_with_its_pdf_and_the_invitation_used()
    {
        await using var host = await WorkflowTestHost.StartAsync();
        var guest = await WorkflowGuest.AcceptedAsync(host);
        await host.StartAsync(guest.ApplicationId, Long, Long);

        await ConfirmAsync(host, guest);
        var request = (await host.Get<PaymentRequestStore>().GetByApplicationAsync(guest.ApplicationId))!;
        Assert.Equal(PaymentRequestState.Awaiting, request.State);
        await CreditAsync(host, guest, raise: true);

        Assert.Equal(ApplicationStatus.Issued, await host.EndsAsync(guest.ApplicationId));
        var issued = (await host.Get<ApplicationStatusStore>().GetAsync(guest.ApplicationId))!;
        Assert.Equal(ApplicationStatus.Issued, issued.Status);
        var visas = host.Get<VisaStore>();
        Assert.Equal(issued.VisaNumber, await visas.FindNumberForApplicationAsync(guest.ApplicationId, CancellationToken.None));
        Assert.Equal(1, await visas.CountPdfsAsync(issued.VisaNumber!, CancellationToken.None));
        Assert.Equal(guest.ApplicationId, (await host.Get<InvitationStore>().GetAsync(guest.InvitationId, CancellationToken.None))!.UsedByApplicationId);
        Assert.True(await SlotIsFreeAsync(host, guest));
    }

    [Fact]
    public async Task Cancelled_while_awaiting_confirmation_it_ends_cancelled_with_no_fee_asked()
    {
        await using var host = await WorkflowTestHost.StartAsync();
        var guest = await WorkflowGuest.AcceptedAsync(host);
        await host.StartAsync(guest.ApplicationId, Long, Long);
        Assert.False(await SlotIsFreeAsync(host, guest));

        await host.Client.RaiseAsync(new ApplicationCancelled(guest.ApplicationId));

        Assert.Equal(ApplicationStatus.Cancelled, await host.EndsAsync(guest.ApplicationId));
        Assert.Equal(ApplicationStatus.Cancelled, (await host.Get<ApplicationStatusStore>().GetAsync(guest.ApplicationId))!.Status);
        Assert.Null(await host.Get<PaymentRequestStore>().GetByApplicationAsync(guest.ApplicationId));
        Assert.True(await SlotIsFreeAsync(host, guest));
    }

    [Fact]
    [Trait("Rule", "R8")]
    public async Task Cancelled_while_awaiting_payment_the_request_is_closed_as_cancelled()
    {
        await using var host = await WorkflowTestHost.StartAsync();
        var guest = await WorkflowGuest.AcceptedAsync(host);
        await host.StartAsync(guest.ApplicationId, Long, Long);
        await ConfirmAsync(host, guest);

        await host.Client.RaiseAsync(new ApplicationCancelled(guest.ApplicationId));

        Assert.Equal(ApplicationStatus.Cancelled, await host.EndsAsync(guest.ApplicationId));
        var request = (await host.Get<PaymentRequestStore>().GetByApplicationAsync(guest.ApplicationId))!;
        Assert.Equal((PaymentRequestState.Closed, "cancelled"), (request.State, request.ClosedReason));
        Assert.Equal(ApplicationStatus.Cancelled, (await host.Get<ApplicationStatusStore>().GetAsync(guest.ApplicationId))!.Status);
        Assert.True(await SlotIsFreeAsync(host, guest));
    }

    [Fact]
    [Trait("Rule", "R10")]
    public async Task An_unconfirmed_draft_expires_on_the_confirmation_timer()
    {
        await using var host = await WorkflowTestHost.StartAsync();
        var guest = await WorkflowGuest.AcceptedAsync(host);

        await host.StartAsync(guest.ApplicationId, TimeSpan.FromSeconds(1), Long);

        Assert.Equal(ApplicationStatus.Expired, await host.EndsAsync(guest.ApplicationId));
        Assert.Equal(ApplicationStatus.Expired, (await host.Get<ApplicationStatusStore>().GetAsync(guest.ApplicationId))!.Status);
        Assert.Null(await host.Get<PaymentRequestStore>().GetByApplicationAsync(guest.ApplicationId));
        Assert.True(await SlotIsFreeAsync(host, guest));
    }

    [Fact]
    [Trait("Rule", "R5")]
    public async Task An_unpaid_fee_expires_on_the_payment_timer_and_its_request_closes()
    {
        await using var host = await WorkflowTestHost.StartAsync();
        var guest = await WorkflowGuest.AcceptedAsync(host);
        await host.StartAsync(guest.ApplicationId, Long, TimeSpan.FromSeconds(1));

        await host.Client.RaiseAsync(new ApplicantConfirmed(guest.ApplicationId));

        Assert.Equal(ApplicationStatus.Expired, await host.EndsAsync(guest.ApplicationId));
        var request = (await host.Get<PaymentRequestStore>().GetByApplicationAsync(guest.ApplicationId))!;
        Assert.Equal((PaymentRequestState.Closed, "expired"), (request.State, request.ClosedReason));
        Assert.True(await SlotIsFreeAsync(host, guest));
    }

    [Fact]
    [Trait("Rule", "R8")]
    public async Task A_payment_credited_just_as_the_payment_wait_ends_is_honoured_and_the_visa_issued()
    {
        await using var host = await WorkflowTestHost.StartAsync();
        var guest = await WorkflowGuest.AcceptedAsync(host);
        await host.StartAsync(guest.ApplicationId, Long, TimeSpan.FromSeconds(5));
        await ConfirmAsync(host, guest);

        // Credited on the request, but the event has not reached the orchestration when its timer fires: the close
        // finds the request paid, and the orchestration goes on to issue.
        await CreditAsync(host, guest, raise: false);

        Assert.Equal(ApplicationStatus.Issued, await host.EndsAsync(guest.ApplicationId));
        var request = (await host.Get<PaymentRequestStore>().GetByApplicationAsync(guest.ApplicationId))!;
        Assert.Equal(PaymentRequestState.Paid, request.State);
        Assert.NotNull((await host.Get<ApplicationStatusStore>().GetAsync(guest.ApplicationId))!.VisaNumber);
    }

    [Fact]
    [Trait("Rule", "R2")]
    public async Task An_invitation_used_by_another_application_by_confirmation_day_refuses_before_any_fee()
    {
        await using var host = await WorkflowTestHost.StartAsync();
        var guest = await WorkflowGuest.AcceptedAsync(host);
        await host.StartAsync(guest.ApplicationId, Long, Long);
        Assert.True(await host.Get<InvitationStore>().MarkUsedAsync(guest.InvitationId, "another-application", CancellationToken.None));

        await host.Client.RaiseAsync(new ApplicantConfirmed(guest.ApplicationId));

        await AssertRefusedBeforeAnyFeeAsync(host, guest, InvitationReasons.Used);
    }

    [Fact]
    [Trait("Rule", "R2")]
    public async Task An_invitation_expired_by_confirmation_day_refuses_before_any_fee()
    {
        await using var host = await WorkflowTestHost.StartAsync();
        var guest = await WorkflowGuest.AcceptedAsync(host);
        await host.StartAsync(guest.ApplicationId, Long, Long);
        host.Clock.Now = host.Clock.Now.AddDays(22); // past the invitation's intended exit

        await host.Client.RaiseAsync(new ApplicantConfirmed(guest.ApplicationId));

        await AssertRefusedBeforeAnyFeeAsync(host, guest, InvitationReasons.Expired);
    }

    [Fact]
    [Trait("Rule", "R9.3")]
    public async Task A_passport_margin_run_out_by_confirmation_day_refuses_before_any_fee()
    {
        await using var host = await WorkflowTestHost.StartAsync();
        // Valid exactly to the margin at submission (3 months after the visa ends); by confirmation day the rules
        // ask for 6 (the later official source), and the orchestration checks with the rules of that day.
        var guest = await WorkflowGuest.AcceptedAsync(host, passportExpiry: exit => exit.AddMonths(3));
        await host.StartAsync(guest.ApplicationId, Long, Long);
        host.PassportRules.ExpiryMarginMonths = 6;

        await host.Client.RaiseAsync(new ApplicantConfirmed(guest.ApplicationId));

        await AssertRefusedBeforeAnyFeeAsync(host, guest, RuleReasons.PassportExpiresTooSoon);
    }

    [Fact]
    public async Task An_instance_of_the_first_shape_in_flight_finishes_on_its_own_code()
    {
        await using var host = await WorkflowTestHost.StartAsync();
        var guest = await WorkflowGuest.AcceptedAsync(host);
        var first = Guid.NewGuid().ToString("N");
        await host.Client.ScheduleNewOrchestrationInstanceAsync(ApplicationWorkflow.OrchestratorName,
            new ApplicationWorkflowInput(first, guest.ApplicantId, guest.Form, Long, Long), new StartOrchestrationOptions(first));

        await host.StatusBecomesAsync(first, ApplicationStatus.AwaitingConfirmation);
        await ConfirmAsync(host, guest with { ApplicationId = first });
        await CreditAsync(host, guest with { ApplicationId = first }, raise: true);

        Assert.Equal(ApplicationStatus.Issued, await host.EndsAsync(first));
        Assert.NotNull((await host.Get<ApplicationStatusStore>().GetAsync(first))!.VisaNumber);
    }

    [Fact]
    public async Task Each_event_is_read_typed_and_one_addressed_to_another_application_is_never_acted_on()
    {
        await using var host = await WorkflowTestHost.StartAsync();
        var guest = await WorkflowGuest.AcceptedAsync(host);
        await host.StartAsync(guest.ApplicationId, Long, Long);
        await host.StatusBecomesAsync(guest.ApplicationId, ApplicationStatus.AwaitingConfirmation);

        // Raised under this instance's id, but naming another application: read, refused, and nothing moves on.
        await host.Client.RaiseEventAsync(guest.ApplicationId, ApplicantConfirmed.Name, new ApplicantConfirmed("another-application"));

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var instance = await host.Client.WaitForInstanceCompletionAsync(guest.ApplicationId, getInputsAndOutputs: true, timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, instance.RuntimeStatus);
        Assert.Contains("another-application", instance.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(ApplicationStatus.AwaitingConfirmation, (await host.Get<ApplicationStatusStore>().GetAsync(guest.ApplicationId))!.Status);
        Assert.Null(await host.Get<PaymentRequestStore>().GetByApplicationAsync(guest.ApplicationId));
    }

    [Fact]
    [Trait("Rule", "R8")]
    public async Task Events_in_the_shapes_raised_before_the_records_still_move_an_instance_in_flight()
    {
        await using var host = await WorkflowTestHost.StartAsync();
        var guest = await WorkflowGuest.AcceptedAsync(host);
        await host.StartAsync(guest.ApplicationId, Long, Long);

        // The confirmation as it was raised before: no payload at all.
        await host.Client.RaiseEventAsync(guest.ApplicationId, ApplicantConfirmed.Name);
        await host.StatusBecomesAsync(guest.ApplicationId, ApplicationStatus.AwaitingPayment);
        // The credit as it was raised before: no application id.
        var requests = host.Get<PaymentRequestStore>();
        var reference = PaymentRequestStore.ReferenceFor(guest.ApplicationId);
        var stored = (await requests.GetAsync(reference))!;
        var eventId = $"evt-{Guid.NewGuid():N}";
        Assert.True(await requests.TryMarkPaidAsync(reference, eventId, host.Clock.GetUtcNow(), stored.ETag));
        await host.Client.RaiseEventAsync(guest.ApplicationId, PaymentCredited.Name, new
        {
            EventId = eventId,
            PaymentReference = reference,
            stored.Record.Request.AmountMinor,
            stored.Record.Request.Currency,
            PaidAt = host.Clock.GetUtcNow(),
        });

        Assert.Equal(ApplicationStatus.Issued, await host.EndsAsync(guest.ApplicationId));
    }

    private static async Task ConfirmAsync(WorkflowTestHost host, WorkflowGuest guest)
    {
        await host.Client.RaiseAsync(new ApplicantConfirmed(guest.ApplicationId));
        await host.StatusBecomesAsync(guest.ApplicationId, ApplicationStatus.AwaitingPayment);
    }

    /// <summary>As the webhook credits: the request's one conditional update, then (unless told not to) the event.</summary>
    private static async Task CreditAsync(WorkflowTestHost host, WorkflowGuest guest, bool raise)
    {
        var requests = host.Get<PaymentRequestStore>();
        var reference = PaymentRequestStore.ReferenceFor(guest.ApplicationId);
        var stored = (await requests.GetAsync(reference))!;
        var eventId = $"evt-{Guid.NewGuid():N}";
        Assert.True(await requests.TryMarkPaidAsync(reference, eventId, host.Clock.GetUtcNow(), stored.ETag));
        if (raise)
        {
            await host.Client.RaiseAsync(new PaymentCredited(guest.ApplicationId, eventId, reference, stored.Record.Request.AmountMinor,
                stored.Record.Request.Currency, host.Clock.GetUtcNow()));
        }
    }

    private static async Task AssertRefusedBeforeAnyFeeAsync(WorkflowTestHost host, WorkflowGuest guest, string reason)
    {
        Assert.Equal(ApplicationStatus.Refused, await host.EndsAsync(guest.ApplicationId));
        var refused = (await host.Get<ApplicationStatusStore>().GetAsync(guest.ApplicationId))!;
        Assert.Equal(ApplicationStatus.Refused, refused.Status);
        Assert.Contains(reason, refused.Reasons!.Select(r => r.Code));
        Assert.Null(await host.Get<PaymentRequestStore>().GetByApplicationAsync(guest.ApplicationId));
        Assert.True(await SlotIsFreeAsync(host, guest));
    }

    /// <summary>R6: whether another application could now claim the passport's slot (claimed and given back at once).</summary>
    private static async Task<bool> SlotIsFreeAsync(WorkflowTestHost host, WorkflowGuest guest)
    {
        var other = Guid.NewGuid().ToString("N");
        if (!await host.Get<SubmissionStore>().ClaimOpenApplicationAsync(guest.PassportKey, VisaCategory.Tourist, other, CancellationToken.None))
            return false;
        await host.Get<ApplicationStatusStore>().ReleaseOpenApplicationAsync(guest.PassportKey, "tourist", other, CancellationToken.None);
        return true;
    }
}
