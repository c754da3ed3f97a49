using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EVisa.Core.Identity;
using EVisa.Core.Payments;
using EVisa.DevServer;
using EVisa.DevServer.Payments;
using EVisa.Tests.Infrastructure;
using EVisa.Tests.Pipeline;
using Microsoft.Extensions.DependencyInjection;

namespace EVisa.Tests.Faults;

/// <summary>
/// Real resources made through the pipeline, owned by one inviter and one applicant: an approved invitation, an
/// application driven to issued (paid through the signed webhook), and its visa. Requests aimed at these reach the
/// handlers' deepest checks (ownership, state), not just "no such id".
/// </summary>
public sealed class IssuedWorld
{
    private IssuedWorld(DevServerHost server, PipelineScenario scenario, string invitationId, string invitationNumber,
        string applicationId, string visaNumber, string reviewId)
    {
        ReviewId = reviewId;
        Server = server;
        Scenario = scenario;
        InvitationId = invitationId;
        InvitationNumber = invitationNumber;
        ApplicationId = applicationId;
        VisaNumber = visaNumber;
    }

    public DevServerHost Server { get; }
    public PipelineScenario Scenario { get; }
    public string InvitationId { get; }
    public string InvitationNumber { get; }
    public string ApplicationId { get; }
    public string VisaNumber { get; }

    /// <summary>The review of a second payment of the issued application's fee (R8: kept for an officer).</summary>
    public string ReviewId { get; }
    public string ApplicantSubject => Scenario.ApplicantSubject;
    public string InviterSubject => Scenario.InviterSubject;

    public static async Task<IssuedWorld> CreateAsync(DevServerHost server, PipelineScenario? scenario = null)
    {
        scenario ??= new PipelineScenario(server);
        var created = await scenario.Inviter.PostAsJsonAsync("/api/invitations", scenario.InvitationBody());
        created.EnsureSuccessStatusCode();
        var invitationId = (await created.Content.ReadFromJsonAsync<JsonObject>())!["invitationId"]!.GetValue<string>();
        var decided = await scenario.Officer.PostAsJsonAsync($"/api/invitations/{invitationId}/decision", new { decision = "approve" });
        decided.EnsureSuccessStatusCode();
        var invitationNumber = (await decided.Content.ReadFromJsonAsync<JsonObject>())!["invitationNumber"]!.GetValue<string>();

        var submitted = await scenario.SubmitAsync(scenario.ApplicationBody(invitationNumber));
        submitted.EnsureSuccessStatusCode();
        var applicationId = (await submitted.Content.ReadFromJsonAsync<JsonObject>())!["applicationId"]!.GetValue<string>();
        await scenario.StatusBecomesAsync(applicationId, "awaiting-confirmation");
        var visaNumber = await ConfirmAndPayAsync(scenario, applicationId);

        // The fee paid a second time: a payment kept for review that the world owns (R8).
        var request = (await server.Services.GetRequiredService<PaymentRequestStore>().GetByApplicationAsync(applicationId))!.Request;
        var provider = new PaymentProviderSimulator(server.Client(), PaymentProviderSimulator.DevelopmentSecret);
        var again = new SimulatedPayment(request.PaymentReference, request.AmountMinor, request.Currency, EventId: PaymentProviderSimulator.NewEventId());
        (await provider.SendAsync(again)).EnsureSuccessStatusCode();
        var received = (await server.Services.GetRequiredService<PaymentEventStore>().GetAsync(again.EventId!))!.ReceivedAt;
        return new IssuedWorld(server, scenario, invitationId, invitationNumber, applicationId, visaNumber,
            PaymentReviewStore.IdFor(again.EventId!, received));
    }

    /// <summary>Confirms the draft and pays through the signed webhook, as the provider does: the visa number once issued.</summary>
    public static async Task<string> ConfirmAndPayAsync(PipelineScenario scenario, string applicationId)
    {
        (await scenario.Applicant.PostAsync($"/api/applications/{applicationId}/confirmation", null)).EnsureSuccessStatusCode();
        await scenario.StatusBecomesAsync(applicationId, "awaiting-payment");

        var request = (await scenario.Server.Services.GetRequiredService<PaymentRequestStore>().GetByApplicationAsync(applicationId))!.Request;
        var provider = new PaymentProviderSimulator(scenario.Server.Client(), PaymentProviderSimulator.DevelopmentSecret);
        (await provider.SendAsync(new SimulatedPayment(request.PaymentReference, request.AmountMinor, request.Currency))).EnsureSuccessStatusCode();
        var issued = await scenario.StatusBecomesAsync(applicationId, "issued");
        return issued.GetProperty("visaNumber").GetString()!;
    }

    /// <summary>The id this world owns for a path parameter, by its name in the route.</summary>
    public string? IdFor(string pathParameter) => pathParameter switch
    {
        "invitationId" => InvitationId,
        "applicationId" => ApplicationId,
        "visaNumber" => VisaNumber,
        "reviewId" => ReviewId,
        _ => null,
    };

    public HttpClient ClientFor(string subject, Role role) => Server.ClientFor(subject, role);

    /// <summary>A well-formed query string for the operation (with its leading '?'), or none.</summary>
    public string SampleQuery(string operationId) => operationId switch
    {
        "GetEligibility" => "?nationality=IDN",
        "ListApplications" => "?status=issued",
        "VerifyVisa" => $"?passportNumber={Scenario.PassportNumber}",
        "ListAuditTrail" => $"?resourceType=visa&resourceId={VisaNumber}",
        _ => "",
    };

    /// <summary>A well-formed body for the operation, aimed at this world's resources; an empty object where none is read.</summary>
    public JsonObject SampleBody(string operationId) => operationId switch
    {
        "RegisterInvitation" => Scenario.InvitationBody(),
        "DecideInvitation" => new JsonObject { ["decision"] = "approve" },
        "SubmitApplication" => Scenario.ApplicationBody(InvitationNumber),
        "RecordVisaEntry" or "RecordVisaExit" => new JsonObject { ["checkpoint"] = "NQZ", ["passportNumber"] = Scenario.PassportNumber },
        "RevokeVisa" => new JsonObject { ["reason"] = "passport-replaced" },
        "FileArrivalNotice" => new JsonObject { ["placeOfStay"] = "Abay Avenue 10, Almaty" },
        "StartCheckout" => new JsonObject { ["returnPath"] = $"/status.html?id={ApplicationId}" },
        "LookupApplication" or "LookupVisaPdf" => new JsonObject
        {
            ["applicationNumber"] = ApplicationId,
            ["passportNumber"] = Scenario.PassportNumber,
            ["dateOfBirth"] = Scenario.DateOfBirth,
        },
        "PaymentWebhook" => new JsonObject
        {
            ["eventId"] = PaymentProviderSimulator.NewEventId(),
            ["paymentReference"] = PaymentRequestStore.ReferenceFor(ApplicationId),
            ["amount"] = 8000,
            ["currency"] = "USD",
            ["outcome"] = "succeeded",
            ["time"] = DateTimeOffset.UtcNow.ToString("O"),
        },
        _ => [],
    };
}
