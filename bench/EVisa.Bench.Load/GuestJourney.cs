using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using EVisa.DevServer.Payments;

namespace EVisa.Bench.Load;

/// <summary>How a guest's journey is meant to end.</summary>
public enum JourneyEnd
{
    Issued,
    Cancelled,
    Refused,
}

/// <summary>
/// What one journey measured and where it ended. Each step's latency is kept twice: as the polling client saw it
/// (from sending the request to the poll that showed the new status) and as the service recorded it (the status's
/// <c>statusChangedAt</c> less the moment the client sent the request; one machine, one clock), which the polling
/// interval does not blur.
/// </summary>
public sealed record JourneyResult(
    int Guest,
    JourneyEnd Expected,
    string? ApplicationId,
    string? FinalStatus,
    string? VisaNumber,
    StepLatency? ConfirmationToAwaitingPayment,
    StepLatency? PaymentToIssued,
    string? Failure);

/// <summary>A step's latency as the polling client saw it and as the service recorded it.</summary>
public sealed record StepLatency(TimeSpan Seen, TimeSpan Recorded);

/// <summary>The stage a journey has reached, for the fault scenarios' timing.</summary>
public sealed class JourneyProgress
{
    private int _started;
    private int _paid;
    private int _finished;

    public int Started => Volatile.Read(ref _started);
    public int Paid => Volatile.Read(ref _paid);
    public int Finished => Volatile.Read(ref _finished);
    public int InFlight => Started - Finished;

    public void Start() => Interlocked.Increment(ref _started);
    public void Pay() => Interlocked.Increment(ref _paid);
    public void Finish() => Interlocked.Increment(ref _finished);
}

/// <summary>
/// One guest, over the HTTP API as the portal's clients call it: the inviting party registers an invitation, an
/// officer approves it, the guest applies and reads the verdict in the submission's answer, confirms the draft, pays
/// (a webhook signed as the provider signs it) and downloads the visa. Statuses that change without the guest are
/// read by polling, as a browser would: after the interval the service's <c>Retry-After</c> asks for, or
/// <paramref name="pollInterval"/> when it asks for none.
/// </summary>
public sealed class GuestJourney(HttpClient http, PaymentProviderSimulator provider, GuestTokens tokens, TimeSpan pollInterval,
    TimeSpan patience, RetryAfterCounts retryAfters)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    public async Task<JourneyResult> RunAsync(int guest, JourneyEnd expected, string runId, JourneyProgress progress)
    {
        progress.Start();
        string? applicationId = null;
        StepLatency? toPayment = null;
        try
        {
            var passport = $"L{runId}{guest:D5}".ToUpperInvariant();
            var applicant = tokens.Applicant(guest);
            var invitationNumber = await ApprovedInvitationAsync(passport);

            JsonElement status;
            using (var response = await SendAsync(HttpMethod.Post, "/api/applications", applicant,
                       JsonContent.Create(ApplicationBody(invitationNumber, passport, expected == JourneyEnd.Refused)),
                       idempotencyKey: $"{runId}-{guest}"))
            {
                // The verdict is in the answer: no poll to learn it.
                await ExpectAsync(response, HttpStatusCode.Created, "submission");
                status = await response.Content.ReadFromJsonAsync<JsonElement>();
                applicationId = status.GetProperty("applicationId").GetString()!;
            }

            var verdict = status.GetProperty("status").GetString();
            if (verdict is not ("awaiting-confirmation" or "refused"))
                throw new JourneyFailure($"the submission answered status {verdict}, not a verdict");
            if (expected == JourneyEnd.Refused || verdict == "refused")
                return End(guest, expected, applicationId, status, null, null);

            if (expected == JourneyEnd.Cancelled)
            {
                await ActAsync(applicationId, applicant, "cancellation");
                status = await StatusAsync(applicationId, applicant, "cancelled");
                return End(guest, expected, applicationId, status, null, null);
            }

            var confirmedAt = DateTimeOffset.UtcNow;
            var confirming = Stopwatch.StartNew();
            await ActAsync(applicationId, applicant, "confirmation");
            status = await StatusAsync(applicationId, applicant, "awaiting-payment");
            toPayment = Step(confirming, confirmedAt, status);
            var payment = status.GetProperty("payment");

            progress.Pay();
            var simulated = new SimulatedPayment(payment.GetProperty("paymentReference").GetString()!,
                payment.GetProperty("amountMinor").GetInt64(), payment.GetProperty("currency").GetString()!,
                EventId: $"evt_{runId}_{guest}");
            var paidAt = DateTimeOffset.UtcNow;
            var paying = Stopwatch.StartNew();
            using (var paid = await provider.SendAsync(simulated))
                await ExpectAsync(paid, HttpStatusCode.OK, "payment webhook");
            status = await StatusAsync(applicationId, applicant, "issued");
            var toIssued = Step(paying, paidAt, status);
            var visaNumber = status.GetProperty("visaNumber").GetString();

            using var visa = await SendAsync(HttpMethod.Get, $"/api/applications/{applicationId}/visa", applicant);
            await ExpectAsync(visa, HttpStatusCode.OK, "visa download");
            var pdf = await visa.Content.ReadAsByteArrayAsync();
            if (pdf.Length < 5 || !pdf.AsSpan(0, 5).SequenceEqual("%PDF-"u8))
                throw new JourneyFailure("the visa download is not a PDF");
            return End(guest, expected, applicationId, status, toPayment, toIssued, visaNumber);
        }
        catch (Exception e) when (e is JourneyFailure or HttpRequestException or TaskCanceledException or JsonException
                                      or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return new JourneyResult(guest, expected, applicationId, null, null, toPayment, null, e.Message);
        }
        finally
        {
            progress.Finish();
        }
    }

    private static JourneyResult End(int guest, JourneyEnd expected, string applicationId, JsonElement status,
        StepLatency? toPayment, StepLatency? toIssued, string? visaNumber = null) =>
        new(guest, expected, applicationId, status.GetProperty("status").GetString(), visaNumber, toPayment, toIssued, null);

    private static StepLatency Step(Stopwatch sinceSent, DateTimeOffset sentAt, JsonElement status) =>
        new(sinceSent.Elapsed, status.GetProperty("statusChangedAt").GetDateTimeOffset() - sentAt);

    private async Task<string> ApprovedInvitationAsync(string passport)
    {
        string invitationId;
        using (var created = await SendAsync(HttpMethod.Post, "/api/invitations", tokens.Inviter,
                   JsonContent.Create(InvitationBody(passport))))
        {
            await ExpectAsync(created, HttpStatusCode.Created, "invitation");
            invitationId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("invitationId").GetString()!;
        }

        using var decided = await SendAsync(HttpMethod.Post, $"/api/invitations/{invitationId}/decision", tokens.Officer,
            JsonContent.Create(new { decision = "approve" }));
        if (decided.StatusCode == HttpStatusCode.OK)
            return (await decided.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("invitationNumber").GetString()!;

        // A retried approval whose first attempt was applied answers 409: the invitation holds the number.
        await ExpectAsync(decided, HttpStatusCode.Conflict, "invitation decision");
        using var invitation = await SendAsync(HttpMethod.Get, $"/api/invitations/{invitationId}", tokens.Officer);
        await ExpectAsync(invitation, HttpStatusCode.OK, "invitation");
        return (await invitation.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("invitationNumber").GetString()!;
    }

    /// <summary>Confirms or cancels; when the answer says when to look again (<c>Retry-After</c>), waits that long.</summary>
    private async Task ActAsync(string applicationId, string token, string action)
    {
        TimeSpan? firstLook;
        using (var response = await SendAsync(HttpMethod.Post, $"/api/applications/{applicationId}/{action}", token))
        {
            await ExpectActionAsync(response, action);
            firstLook = RetryAfter(response.Headers.RetryAfter);
        }

        if (firstLook is { } wait)
            await Task.Delay(wait);
    }

    /// <summary>
    /// Polls the application until it reaches one of <paramref name="statuses"/>, waiting between reads as long as
    /// the answer's <c>Retry-After</c> says (the fallback interval when it says nothing).
    /// </summary>
    private async Task<JsonElement> StatusAsync(string applicationId, string token, params string[] statuses)
    {
        var waited = Stopwatch.StartNew();
        string? last = null;
        while (waited.Elapsed < patience)
        {
            var wait = pollInterval;
            using (var response = await SendAsync(HttpMethod.Get, $"/api/applications/{applicationId}", token))
            {
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    var status = await response.Content.ReadFromJsonAsync<JsonElement>();
                    last = status.GetProperty("status").GetString();
                    if (statuses.Contains(last))
                        return status;
                }

                if (RetryAfter(response.Headers.RetryAfter) is { } asked)
                    wait = asked;
                retryAfters.Add(response.Headers.RetryAfter is null ? null : wait);
            }

            await Task.Delay(wait);
        }

        throw new JourneyFailure($"application {applicationId} did not become {string.Join(" or ", statuses)} " +
                                 $"in {patience.TotalSeconds:0} s (last {last ?? "unknown"})");
    }

    private static TimeSpan? RetryAfter(RetryConditionHeaderValue? header) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero,
        _ => null,
    };

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string token, HttpContent? content = null,
        string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (idempotencyKey is not null)
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await http.SendAsync(request);
    }

    /// <summary>Confirmation and cancellation: accepted, or 409 when a retried first attempt already moved the application.</summary>
    private static Task ExpectActionAsync(HttpResponseMessage response, string what) =>
        response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.Conflict
            ? Task.CompletedTask
            : ExpectAsync(response, HttpStatusCode.Accepted, what);

    private static async Task ExpectAsync(HttpResponseMessage response, HttpStatusCode expected, string what)
    {
        if (response.StatusCode != expected)
        {
            var body = await response.Content.ReadAsStringAsync();
            throw new JourneyFailure($"{what} answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 300)]}");
        }
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static JsonObject InvitationBody(string passport) => new()
    {
        ["category"] = "tourist",
        ["guest"] = new JsonObject
        {
            ["surname"] = "Li",
            ["givenNames"] = "Wei",
            ["dateOfBirth"] = "1990-05-01",
            ["sex"] = "M",
            ["nationality"] = "CHN",
            ["passportNumber"] = passport,
        },
        ["intendedEntry"] = Date(Today.AddDays(10)),
        ["intendedExit"] = Date(Today.AddDays(20)),
        ["purpose"] = "Tourism in Almaty",
        ["contactEmail"] = "host@example.kz",
        ["language"] = "en",
    };

    /// <summary>A refused guest's passport expires within the R9.3 margin, so the rules refuse the application.</summary>
    private static JsonObject ApplicationBody(string invitationNumber, string passport, bool refused) => new()
    {
        ["invitationNumber"] = invitationNumber,
        ["category"] = "tourist",
        ["email"] = "guest@example.com",
        ["language"] = "en",
        ["passport"] = new JsonObject
        {
            ["number"] = passport,
            ["surname"] = "Li",
            ["givenNames"] = "Wei",
            ["nationality"] = "CHN",
            ["dateOfBirth"] = "1990-05-01",
            ["sex"] = "M",
            ["issuingState"] = "CHN",
            ["issueDate"] = Date(Today.AddYears(-1)),
            ["expiryDate"] = Date(refused ? Today.AddDays(40) : Today.AddYears(5)),
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

    private sealed class JourneyFailure(string message) : Exception(message);
}
