using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using EVisa.Core.Lookup;
using EVisa.Core.Payments;
using EVisa.Core.Storage;
using EVisa.DevServer.Payments;
using EVisa.Tests.Infrastructure;
using EVisa.Tests.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace EVisa.Tests.Portal;

/// <summary>
/// "Find my application" without signing in: the right details give the applicant's own view and the visa PDF; no
/// such application and details that do not match give the same answer; a few failures from one client, or for one
/// application number, and every attempt is refused for a while, even with the right details.
/// </summary>
public sealed class ApplicationLookupTests(LookupServer lookup) : IClassFixture<LookupServer>
{
    [Fact]
    [Trait("Rule", "R11")]
    public async Task The_right_details_however_typed_give_the_applicants_view_and_the_visa_pdf()
    {
        var scenario = new PipelineScenario(lookup.Server);
        var applicationId = await IssuedAsync(scenario);
        var client = LookupServer.NewClient();
        var typed = new JsonObject
        {
            ["applicationNumber"] = " " + applicationId.ToUpperInvariant()[..8] + "-" + applicationId.ToUpperInvariant()[8..],
            ["passportNumber"] = scenario.PassportNumber.ToLowerInvariant().Insert(3, " "),
            ["dateOfBirth"] = scenario.DateOfBirth,
        };

        using var found = await PostAsync("/api/applications/lookup", typed, client);
        using var pdf = await PostAsync("/api/applications/lookup/visa", typed, client);

        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Equal("no-store", found.Headers.CacheControl?.ToString());
        var view = await found.Content.ReadFromJsonAsync<JsonElement>();
        var own = await scenario.StatusAsync(applicationId);
        Assert.Equal(own.GetRawText(), view.GetRawText());
        Assert.Equal("issued", view.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-store", pdf.Headers.CacheControl?.ToString());
        using var document = PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync());
        Assert.Contains(view.GetProperty("visaNumber").GetString()!, string.Concat(document.GetPages().Select(p => p.Text)));
    }

    [Fact]
    public async Task No_such_application_and_details_that_do_not_match_get_the_same_answer()
    {
        var scenario = new PipelineScenario(lookup.Server);
        var applicationId = await scenario.ApplyAsync();

        var answers = new List<(HttpStatusCode Status, string Body)>();
        foreach (var body in new[]
                 {
                     Body(Guid.NewGuid().ToString("N"), scenario.PassportNumber, scenario.DateOfBirth), // no such application
                     Body(applicationId, scenario.PassportNumber, "1990-05-02"),                         // another birth date
                     Body(applicationId, "X" + scenario.PassportNumber[1..], scenario.DateOfBirth),      // another passport
                 })
        {
            using var response = await PostAsync("/api/applications/lookup", body, LookupServer.NewClient());
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            answers.Add((response.StatusCode, WithoutTraceId(await response.Content.ReadAsStringAsync())));
        }

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.NotFound, a.Status));
        Assert.Single(answers.Select(a => a.Body).Distinct());
        Assert.Equal("application-not-found", JsonDocument.Parse(answers[0].Body).RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task The_right_details_before_the_visa_is_issued_say_so_for_the_pdf()
    {
        var scenario = new PipelineScenario(lookup.Server);
        var applicationId = await scenario.AwaitingPaymentAsync();

        using var pdf = await PostAsync("/api/applications/lookup/visa",
            Body(applicationId, scenario.PassportNumber, scenario.DateOfBirth), LookupServer.NewClient());

        var problem = await CheckoutTests.AssertProblemAsync(pdf, HttpStatusCode.Conflict, "visa-not-issued");
        Assert.Equal("awaiting-payment", problem.GetProperty("applicationStatus").GetString());
    }

    [Fact]
    public async Task After_five_failures_from_one_client_every_attempt_from_it_is_refused_for_a_while()
    {
        var scenario = new PipelineScenario(lookup.Server);
        var applicationId = await scenario.ApplyAsync();
        var client = LookupServer.NewClient();
        var right = Body(applicationId, scenario.PassportNumber, scenario.DateOfBirth);

        // Malformed requests are the client's mistake, not guesses: they do not count.
        for (var i = 0; i < 6; i++)
        {
            using var malformed = await PostAsync("/api/applications/lookup", new JsonObject { ["applicationNumber"] = applicationId }, client);
            Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        }

        for (var i = 0; i < 5; i++)
        {
            using var guess = await PostAsync("/api/applications/lookup",
                Body(Guid.NewGuid().ToString("N"), scenario.PassportNumber, scenario.DateOfBirth), client);
            Assert.Equal(HttpStatusCode.NotFound, guess.StatusCode);
        }

        using var refused = await PostAsync("/api/applications/lookup", right, client);
        using var refusedPdf = await PostAsync("/api/applications/lookup/visa", right, client);
        using var elsewhere = await PostAsync("/api/applications/lookup", right, LookupServer.NewClient());

        await AssertTooManyAsync(refused);
        await AssertTooManyAsync(refusedPdf);
        Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
    }

    [Fact]
    public async Task After_five_failures_for_one_application_number_every_attempt_at_it_is_refused_from_any_client()
    {
        var scenario = new PipelineScenario(lookup.Server);
        var applicationId = await scenario.ApplyAsync();
        var other = new PipelineScenario(lookup.Server);
        var otherId = await other.ApplyAsync();

        for (var i = 0; i < 5; i++)
        {
            using var guess = await PostAsync("/api/applications/lookup",
                Body(applicationId, scenario.PassportNumber, $"1990-01-{i + 10}"), LookupServer.NewClient());
            Assert.Equal(HttpStatusCode.NotFound, guess.StatusCode);
        }

        var freshClient = LookupServer.NewClient();
        using var refused = await PostAsync("/api/applications/lookup",
            Body(applicationId, scenario.PassportNumber, scenario.DateOfBirth), freshClient);
        using var otherApplication = await PostAsync("/api/applications/lookup",
            Body(otherId, other.PassportNumber, other.DateOfBirth), freshClient);

        await AssertTooManyAsync(refused);
        Assert.Equal(HttpStatusCode.OK, otherApplication.StatusCode);
    }

    [Fact]
    public async Task The_counters_keep_no_address_and_no_application_number()
    {
        var scenario = new PipelineScenario(lookup.Server);
        var applicationId = await scenario.ApplyAsync();
        var client = LookupServer.NewClient();
        using (await PostAsync("/api/applications/lookup", Body(applicationId, scenario.PassportNumber, "1970-01-01"), client))
        {
        }

        var counters = lookup.Server.Services.GetRequiredService<LookupAttempts>().CountersFor(client, applicationId);
        var table = await lookup.Server.Services.GetRequiredService<StorageTables>().GetAsync(LookupAttempts.Table);
        foreach (var (partition, row) in counters)
        {
            var entity = (await table.GetEntityAsync<TableEntity>(partition, row)).Value;
            Assert.Equal(1, entity.GetInt32("Failures"));
            var text = string.Join("|", entity.Select(p => $"{p.Key}={p.Value}"));
            Assert.DoesNotContain(applicationId, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(client, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(scenario.PassportNumber, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    private async Task<string> IssuedAsync(PipelineScenario scenario)
    {
        var applicationId = await scenario.AwaitingPaymentAsync();
        var request = (await lookup.Server.Services.GetRequiredService<PaymentRequestStore>().GetByApplicationAsync(applicationId))!.Request;
        var provider = new PaymentProviderSimulator(lookup.Server.Client(), PaymentProviderSimulator.DevelopmentSecret);
        (await provider.SendAsync(new SimulatedPayment(request.PaymentReference, request.AmountMinor, request.Currency))).EnsureSuccessStatusCode();
        await scenario.StatusBecomesAsync(applicationId, "issued");
        return applicationId;
    }

    private static JsonObject Body(string applicationNumber, string passportNumber, string dateOfBirth) => new()
    {
        ["applicationNumber"] = applicationNumber,
        ["passportNumber"] = passportNumber,
        ["dateOfBirth"] = dateOfBirth,
    };

    private async Task<HttpResponseMessage> PostAsync(string path, JsonObject body, string client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Forwarded-For", $"{client}, 10.0.0.1");
        return await lookup.Server.Client().SendAsync(request);
    }

    private static async Task AssertTooManyAsync(HttpResponseMessage response)
    {
        await CheckoutTests.AssertProblemAsync(response, HttpStatusCode.TooManyRequests, "too-many-attempts");
        var wait = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(wait);
        Assert.InRange(wait.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(15));
    }

    private static string WithoutTraceId(string body)
    {
        var node = JsonNode.Parse(body)!.AsObject();
        node.Remove("traceId");
        return node.ToJsonString();
    }
}
