using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using EVisa.Core.Identity;
using EVisa.DevServer;
using EVisa.Tests.Infrastructure;

namespace EVisa.Tests.Pipeline;

/// <summary>
/// One guest's way through the pipeline over real HTTP, under its own ids (subjects, passport number), so tests
/// run in parallel on one server and one storage account.
/// </summary>
public sealed class PipelineScenario
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    public PipelineScenario(DevServerHost server, string category = "tourist", string nationality = "CHN")
    {
        Server = server;
        Category = category;
        Nationality = nationality;
        var id = Guid.NewGuid().ToString("N");
        PassportNumber = "P" + id[..8].ToUpperInvariant();
        ApplicantSubject = $"applicant-{id}";
        InviterSubject = $"inviter-{id}";
        Applicant = server.ClientFor(ApplicantSubject, Role.Applicant);
        Inviter = server.ClientFor(InviterSubject, Role.Inviter);
        Officer = server.ClientFor($"officer-{id}", Role.Officer);
    }

    public DevServerHost Server { get; }
    public string Category { get; }
    public string Nationality { get; }
    public string PassportNumber { get; }
    public string ApplicantSubject { get; }
    public string InviterSubject { get; }
    public HttpClient Applicant { get; }
    public HttpClient Inviter { get; }
    public HttpClient Officer { get; }
    public DateOnly Entry { get; init; } = Today.AddDays(10);
    public DateOnly Exit { get; init; } = Today.AddDays(20);
    public string Surname { get; init; } = "Li";
    public string GivenNames { get; init; } = "Wei";
    public string DateOfBirth { get; init; } = "1990-05-01";
    public string Email { get; init; } = "guest@example.com";

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public JsonObject InvitationBody() => new()
    {
        ["category"] = Category,
        ["guest"] = new JsonObject
        {
            ["surname"] = Surname,
            ["givenNames"] = GivenNames,
            ["dateOfBirth"] = DateOfBirth,
            ["sex"] = "M",
            ["nationality"] = Nationality,
            ["passportNumber"] = PassportNumber,
        },
        ["intendedEntry"] = Date(Entry),
        ["intendedExit"] = Date(Exit),
        ["purpose"] = "Tourism in Almaty",
    };

    /// <summary>Registers the guest's invitation and has an officer approve it; returns the invitation number.</summary>
    public async Task<string> ApprovedInvitationAsync()
    {
        var created = await Inviter.PostAsJsonAsync("/api/invitations", InvitationBody());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("invitationId").GetString();
        var decided = await Officer.PostAsJsonAsync($"/api/invitations/{id}/decision", new { decision = "approve" });
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        return (await decided.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("invitationNumber").GetString()!;
    }

    public JsonObject ApplicationBody(string invitationNumber) => new()
    {
        ["invitationNumber"] = invitationNumber,
        ["category"] = Category,
        ["email"] = Email,
        ["passport"] = new JsonObject
        {
            ["number"] = PassportNumber,
            ["surname"] = Surname,
            ["givenNames"] = GivenNames,
            ["nationality"] = Nationality,
            ["dateOfBirth"] = DateOfBirth,
            ["sex"] = "M",
            ["issuingState"] = Nationality,
            ["issueDate"] = Date(Today.AddYears(-1)),
            ["expiryDate"] = Date(Today.AddYears(5)),
            ["blankPages"] = 6,
            ["condition"] = new JsonObject
            {
                ["hasReservationsOrRecords"] = false,
                ["hasErasuresOrCorrections"] = false,
                ["hasTornOrEmbroideredPages"] = false,
            },
            ["validityExtension"] = "not-extended",
        },
    };

    public async Task<HttpResponseMessage> SubmitAsync(JsonObject body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/applications") { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await Applicant.SendAsync(request);
    }

    /// <summary>Invitation, approval, submission: the new application's id.</summary>
    public async Task<string> ApplyAsync(Action<JsonObject>? change = null) =>
        (await ApplyForViewAsync(change)).GetProperty("applicationId").GetString()!;

    /// <summary>Invitation, approval, submission: the decided application's view, as the 201 answered it.</summary>
    public async Task<JsonElement> ApplyForViewAsync(Action<JsonObject>? change = null)
    {
        var body = ApplicationBody(await ApprovedInvitationAsync());
        change?.Invoke(body);
        return await SubmitForViewAsync(body);
    }

    /// <summary>
    /// Submits and returns the 201's body: the application decided at once, the same view its status URL (the
    /// <c>Location</c>) gives.
    /// </summary>
    public async Task<JsonElement> SubmitForViewAsync(JsonObject body, string? idempotencyKey = null)
    {
        var response = await SubmitAsync(body, idempotencyKey);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var view = await response.Content.ReadFromJsonAsync<JsonElement>();
        var applicationId = view.GetProperty("applicationId").GetString()!;
        Assert.EndsWith($"/api/applications/{applicationId}", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        return view;
    }

    /// <summary>Applies and confirms the draft: the new application's id, once it awaits payment.</summary>
    public async Task<string> AwaitingPaymentAsync()
    {
        var view = await ApplyForViewAsync();
        Assert.Equal("awaiting-confirmation", view.GetProperty("status").GetString());
        var applicationId = view.GetProperty("applicationId").GetString()!;
        Assert.Equal(HttpStatusCode.Accepted, (await Applicant.PostAsync($"/api/applications/{applicationId}/confirmation", null)).StatusCode);
        await StatusBecomesAsync(applicationId, "awaiting-payment");
        return applicationId;
    }

    public async Task<JsonElement> StatusAsync(string applicationId)
    {
        var response = await Applicant.GetAsync($"/api/applications/{applicationId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public Task<JsonElement> StatusBecomesAsync(string applicationId, string status, TimeSpan? timeout = null) =>
        Eventually.ReturnsAsync(async () =>
            {
                var response = await Applicant.GetAsync($"/api/applications/{applicationId}");
                return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
            },
            s => s.ValueKind == JsonValueKind.Object && s.GetProperty("status").GetString() == status,
            timeout, what: $"application {applicationId} {status}");
}
