using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using EVisa.Core.Storage;
using EVisa.DevServer.Payments;
using EVisa.Tests.Foundation;
using EVisa.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EVisa.Tests.Pipeline;

/// <summary>The pipeline through real HTTP on the shared DevServer: invitation, application, confirmation, payment, issue.</summary>
public sealed class ApplicationPipelineTests
{
    [Fact]
    [Trait("Rule", "R2")]
    [Trait("Rule", "R5")]
    [Trait("Rule", "R10")]
    public async Task An_application_on_an_approved_invitation_goes_from_confirmation_and_payment_to_issued()
    {
        var server = await TestServers.SharedAsync();
        var scenario = new PipelineScenario(server);
        // The submission decides at once: the 201 carries the draft to confirm, no poll needed.
        var awaitingConfirmation = await scenario.ApplyForViewAsync();
        var applicationId = awaitingConfirmation.GetProperty("applicationId").GetString()!;
        Assert.Equal("awaiting-confirmation", awaitingConfirmation.GetProperty("status").GetString());
        Assert.Equal(awaitingConfirmation.GetProperty("draftVisa").ToString(),
            (await scenario.StatusAsync(applicationId)).GetProperty("draftVisa").ToString());
        var draft = awaitingConfirmation.GetProperty("draftVisa");
        Assert.Equal(PipelineScenario.Date(scenario.Entry), draft.GetProperty("validFrom").GetString());
        Assert.Equal(PipelineScenario.Date(scenario.Exit), draft.GetProperty("validUntil").GetString());
        Assert.Equal(1, draft.GetProperty("entries").GetInt32());
        Assert.Equal(["NQZ", "ALA"], draft.GetProperty("checkpoints").EnumerateArray().Select(c => c.GetString()));
        Assert.All(draft.GetProperty("mrz").EnumerateArray(), line => Assert.Equal(44, line.GetString()!.Length));
        Assert.StartsWith("V<KAZLI<<WEI", draft.GetProperty("mrz")[0].GetString(), StringComparison.Ordinal);

        // Waiting for the applicant: no Retry-After, the client looks when the person acts.
        Assert.Null((await scenario.Applicant.GetAsync($"/api/applications/{applicationId}")).Headers.RetryAfter);
        var confirmed = await scenario.Applicant.PostAsync($"/api/applications/{applicationId}/confirmation", null);
        Assert.Equal(HttpStatusCode.Accepted, confirmed.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), confirmed.Headers.RetryAfter?.Delta);

        var awaitingPayment = await scenario.StatusBecomesAsync(applicationId, "awaiting-payment");
        var payment = awaitingPayment.GetProperty("payment");
        Assert.Equal(8000, payment.GetProperty("amountMinor").GetInt64());
        Assert.Equal("USD", payment.GetProperty("currency").GetString());
        var reference = payment.GetProperty("paymentReference").GetString()!;
        Assert.False(string.IsNullOrEmpty(reference));
        // Awaiting the payment changes without the applicant: clients are told to look again in a second.
        Assert.Equal(TimeSpan.FromSeconds(1), (await scenario.Applicant.GetAsync($"/api/applications/{applicationId}")).Headers.RetryAfter?.Delta);

        // R5: the fee is paid through the provider's signed webhook, as in production.
        var provider = new PaymentProviderSimulator(server.Client(), PaymentProviderSimulator.DevelopmentSecret);
        var paid = await provider.SendAsync(new SimulatedPayment(reference, 8000, "USD", EventId: PaymentProviderSimulator.NewEventId()));
        Assert.Equal(HttpStatusCode.OK, paid.StatusCode);

        var issued = await scenario.StatusBecomesAsync(applicationId, "issued");
        var visaNumber = issued.GetProperty("visaNumber").GetString()!;
        Assert.Matches("^[0-9]{10}$", visaNumber);

        // R11: the applicant downloads the printable visa, for this passport.
        var pdf = await scenario.Applicant.GetAsync($"/api/applications/{applicationId}/visa");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        using (var document = UglyToad.PdfPig.PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync()))
        {
            var text = string.Concat(document.GetPages().Select(p => p.Text));
            Assert.Contains(visaNumber, text, StringComparison.Ordinal);
            Assert.Contains(scenario.PassportNumber, text, StringComparison.Ordinal);
        }

        // R2: the invitation is used now, by this one visa.
        var tables = server.Services.GetRequiredService<StorageTables>();
        var invitationNumber = draft.GetProperty("invitationNumber").GetString()!;
        var invitation = (await server.Services.GetRequiredService<InvitationStore>().FindByNumberAsync(invitationNumber, CancellationToken.None))!;
        Assert.Equal(applicationId, invitation.UsedByApplicationId);

        // Each status change left one notification for the applicant, and so did the submission and the credited payment.
        var outbox = await tables.GetAsync(StorageTables.Outbox);
        var templates = new List<string>();
        await foreach (var row in outbox.QueryAsync<TableEntity>(e => e.PartitionKey == applicationId))
            templates.Add(row.RowKey);
        Assert.Equal(["application-awaiting-confirmation", "application-awaiting-payment", "application-issued", "application-submitted",
            "payment-received"], templates.Order());

        // R2: the issued visa used the invitation up; a new application on it is refused.
        var refused = await scenario.SubmitForViewAsync(scenario.ApplicationBody(draft.GetProperty("invitationNumber").GetString()!));
        Assert.Equal("refused", refused.GetProperty("status").GetString());
        Assert.Contains("invitation-used", refused.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()));
    }

    [Fact]
    [Trait("Rule", "R2")]
    public async Task An_expired_invitation_for_another_category_is_refused_with_both_reasons()
    {
        var server = await TestServers.SharedAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var invited = new PipelineScenario(server, category: "tourist", nationality: "DEU") { Entry = today.AddDays(-20), Exit = today.AddDays(-10) };
        var number = await invited.ApprovedInvitationAsync();
        var body = invited.ApplicationBody(number);
        body["category"] = "business";

        var refused = await invited.SubmitForViewAsync(body);
        Assert.Equal("refused", refused.GetProperty("status").GetString());

        var codes = refused.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()).ToList();
        Assert.Contains("invitation-expired", codes);
        Assert.Contains("invitation-category-mismatch", codes);
        Assert.Contains("visa-entry-in-past", codes);
    }

    [Fact]
    [Trait("Rule", "R2")]
    [Trait("Rule", "R9.1")]
    [Trait("Rule", "R9.2")]
    [Trait("Rule", "R9.4")]
    public async Task A_refusal_lists_every_reason_and_asks_no_fee()
    {
        var server = await TestServers.SharedAsync();
        var scenario = new PipelineScenario(server);
        var refused = await scenario.ApplyForViewAsync(body =>
        {
            var passport = body["passport"]!.AsObject();
            passport["blankPages"] = 1;
            passport["validityExtension"] = "extended-without-mark";
            passport["condition"]!["hasTornOrEmbroideredPages"] = true;
            passport["dateOfBirth"] = "1991-05-01";
        });

        Assert.Equal("refused", refused.GetProperty("status").GetString());
        // R6: refused at once, with no orchestration and no open slot for the passport (a corrected application may follow).
        var applicationId = refused.GetProperty("applicationId").GetString()!;
        Assert.Null(await server.Services.GetRequiredService<Microsoft.DurableTask.Client.DurableTaskClient>()
            .GetInstanceAsync(applicationId, getInputsAndOutputs: false));
        var corrected = await scenario.SubmitForViewAsync(scenario.ApplicationBody(await scenario.ApprovedInvitationAsync()));
        Assert.Equal("awaiting-confirmation", corrected.GetProperty("status").GetString());

        var codes = refused.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()).ToList();
        Assert.Contains("passport-too-few-blank-pages", codes);
        Assert.Contains("passport-extension-not-marked", codes);
        Assert.Contains("passport-damaged", codes);
        Assert.Contains("invitation-guest-mismatch", codes);
        Assert.All(refused.GetProperty("reasons").EnumerateArray(), r => Assert.False(string.IsNullOrEmpty(r.GetProperty("rule").GetString())));
        Assert.False(refused.TryGetProperty("payment", out var payment) && payment.ValueKind != JsonValueKind.Null);
    }

    [Fact]
    [Trait("Rule", "R2")]
    [Trait("Rule", "R3")]
    public async Task An_unknown_invitation_number_and_an_ineligible_nationality_are_both_reported()
    {
        var server = await TestServers.SharedAsync();
        var scenario = new PipelineScenario(server, category: "business", nationality: "CHN");
        var body = scenario.ApplicationBody("1000000000");
        var refused = await scenario.SubmitForViewAsync(body);
        Assert.Equal("refused", refused.GetProperty("status").GetString());
        var applicationId = refused.GetProperty("applicationId").GetString()!;
        Assert.Equal(refused.ToString(), (await scenario.StatusAsync(applicationId)).ToString());

        var codes = refused.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()).ToList();
        Assert.Contains("invitation-not-found", codes);
        Assert.Contains("nationality-not-eligible", codes);
    }

    [Fact]
    public async Task Cancelling_while_awaiting_confirmation_or_payment_ends_the_application()
    {
        var server = await TestServers.SharedAsync();
        var first = new PipelineScenario(server);
        var second = new PipelineScenario(server);
        var early = await first.ApplyAsync();
        var late = await second.ApplyAsync();

        Assert.Equal(HttpStatusCode.Accepted, (await first.Applicant.PostAsync($"/api/applications/{early}/cancellation", null)).StatusCode);

        await second.Applicant.PostAsync($"/api/applications/{late}/confirmation", null);
        await second.StatusBecomesAsync(late, "awaiting-payment");
        Assert.Equal(HttpStatusCode.Accepted, (await second.Applicant.PostAsync($"/api/applications/{late}/cancellation", null)).StatusCode);

        await first.StatusBecomesAsync(early, "cancelled");
        await second.StatusBecomesAsync(late, "cancelled");
    }

    [Fact]
    public async Task Confirmation_and_cancellation_in_the_wrong_state_answer_409_with_the_status()
    {
        var server = await TestServers.SharedAsync();
        var scenario = new PipelineScenario(server);
        var applicationId = await scenario.AwaitingPaymentAsync();

        var again = await scenario.Applicant.PostAsync($"/api/applications/{applicationId}/confirmation", null);
        var problem = await TokenTests.AssertProblemAsync(again, HttpStatusCode.Conflict, "wrong-application-status");
        Assert.Equal("awaiting-payment", problem.GetProperty("applicationStatus").GetString());

        await scenario.Applicant.PostAsync($"/api/applications/{applicationId}/cancellation", null);
        await scenario.StatusBecomesAsync(applicationId, "cancelled");
        var cancelAgain = await scenario.Applicant.PostAsync($"/api/applications/{applicationId}/cancellation", null);
        var cancelProblem = await TokenTests.AssertProblemAsync(cancelAgain, HttpStatusCode.Conflict, "wrong-application-status");
        Assert.Equal("cancelled", cancelProblem.GetProperty("applicationStatus").GetString());
    }

    [Fact]
    public async Task Every_application_route_answers_404_for_another_applicant_s_application_as_for_a_missing_one()
    {
        var server = await TestServers.SharedAsync();
        var scenario = new PipelineScenario(server);
        var applicationId = await scenario.ApplyAsync();
        var stranger = new PipelineScenario(server).Applicant;

        foreach (var id in new[] { applicationId, Guid.NewGuid().ToString("N"), "not%20an%20id" })
        {
            await TokenTests.AssertProblemAsync(await stranger.GetAsync($"/api/applications/{id}"), HttpStatusCode.NotFound, "not-found");
            await TokenTests.AssertProblemAsync(await stranger.PostAsync($"/api/applications/{id}/confirmation", null), HttpStatusCode.NotFound, "not-found");
            await TokenTests.AssertProblemAsync(await stranger.PostAsync($"/api/applications/{id}/cancellation", null), HttpStatusCode.NotFound, "not-found");
        }

        // The stranger's attempts changed nothing.
        var status = await scenario.StatusAsync(applicationId);
        Assert.Equal("awaiting-confirmation", status.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Officers_list_applications_by_status_in_pages()
    {
        var server = await TestServers.SharedAsync();
        var scenario = new PipelineScenario(server);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
            ids.Add(await new PipelineScenario(server).ApplyAsync());
        foreach (var id in ids)
            await Eventually.ReturnsAsync(() => server.Services.GetRequiredService<ApplicationStatusStore>().GetAsync(id),
                v => v?.Status == Core.Workflow.ApplicationStatus.AwaitingConfirmation);

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var url = "/api/applications?status=awaiting-confirmation&pageSize=2" + (token is null ? "" : $"&continuationToken={token}");
            var response = await scenario.Officer.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.Content.ReadFromJsonAsync<JsonElement>();
            var items = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("applicationId").GetString()!).ToList();
            Assert.True(items.Count <= 2);
            seen.AddRange(items);
            token = page.GetProperty("continuationToken").ValueKind == JsonValueKind.String ? page.GetProperty("continuationToken").GetString() : null;
            pages++;
        }
        while (token is not null && pages < 1000);

        Assert.Superset(ids.ToHashSet(), seen.ToHashSet());
        Assert.Equal(HttpStatusCode.Forbidden, (await scenario.Applicant.GetAsync("/api/applications?status=issued")).StatusCode);
        await TokenTests.AssertProblemAsync(await scenario.Officer.GetAsync("/api/applications?status=nonsense"), HttpStatusCode.BadRequest, "validation-failed");
    }

}
