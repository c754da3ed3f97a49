using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EVisa.Tests.Foundation;
using EVisa.Tests.Infrastructure;

namespace EVisa.Tests.Pipeline;

/// <summary><c>POST /api/applications</c>: field errors all at once, Idempotency-Key, one open application per passport.</summary>
public sealed class SubmissionTests
{
    [Fact]
    public async Task The_same_key_and_body_give_the_same_application_and_another_body_gets_409()
    {
        var server = await TestServers.SharedAsync();
        var scenario = new PipelineScenario(server);
        var body = scenario.ApplicationBody(await scenario.ApprovedInvitationAsync());
        var key = Guid.NewGuid().ToString();

        var first = await scenario.SubmitForViewAsync(body, key);
        var second = await scenario.SubmitForViewAsync(body, key);
        var firstId = first.GetProperty("applicationId").GetString();
        var secondId = second.GetProperty("applicationId").GetString();
        Assert.Equal(firstId, secondId);
        // The repeat answers the same decided view.
        Assert.Equal("awaiting-confirmation", second.GetProperty("status").GetString());
        Assert.Equal(first.ToString(), second.ToString());

        var changed = body.DeepClone().AsObject();
        changed["email"] = "another@example.com";
        await TokenTests.AssertProblemAsync(await scenario.SubmitAsync(changed, key), HttpStatusCode.Conflict, "idempotency-key-reused");

        // Keys are per applicant: another applicant's same key is a new submission (refused here as a duplicate passport).
        var other = new PipelineScenario(server);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/applications") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        await TokenTests.AssertProblemAsync(await other.Applicant.SendAsync(request), HttpStatusCode.Conflict, "duplicate-application");
    }

    [Fact]
    [Trait("Rule", "R6")]
    public async Task A_second_open_application_for_the_passport_and_category_is_refused_until_the_first_ends()
    {
        var server = await TestServers.SharedAsync();
        var scenario = new PipelineScenario(server);
        var body = scenario.ApplicationBody(await scenario.ApprovedInvitationAsync());
        var first = await scenario.SubmitForViewAsync(body);
        var applicationId = first.GetProperty("applicationId").GetString()!;

        await TokenTests.AssertProblemAsync(await scenario.SubmitAsync(body), HttpStatusCode.Conflict, "duplicate-application");

        Assert.Equal("awaiting-confirmation", first.GetProperty("status").GetString());
        await scenario.Applicant.PostAsync($"/api/applications/{applicationId}/cancellation", null);
        await scenario.StatusBecomesAsync(applicationId, "cancelled");
        Assert.Equal(HttpStatusCode.Created, (await scenario.SubmitAsync(body)).StatusCode);
    }

    [Fact]
    [Trait("Rule", "R6")]
    public async Task Repeating_a_keyed_submission_after_its_application_ended_does_not_hold_the_passport_again()
    {
        var server = await TestServers.SharedAsync();
        var scenario = new PipelineScenario(server);
        var body = scenario.ApplicationBody(await scenario.ApprovedInvitationAsync());
        var key = Guid.NewGuid().ToString();
        var first = await scenario.SubmitForViewAsync(body, key);
        var applicationId = first.GetProperty("applicationId").GetString()!;
        Assert.Equal("awaiting-confirmation", first.GetProperty("status").GetString());
        await scenario.Applicant.PostAsync($"/api/applications/{applicationId}/cancellation", null);
        await scenario.StatusBecomesAsync(applicationId, "cancelled");

        var repeat = await scenario.SubmitAsync(body, key);
        var repeated = await repeat.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(applicationId, repeated.GetProperty("applicationId").GetString());
        Assert.Equal("cancelled", repeated.GetProperty("status").GetString());

        Assert.Equal(HttpStatusCode.Created, (await scenario.SubmitAsync(body)).StatusCode);
    }

    public static TheoryData<string, string> MalformedBodies() => new()
    {
        { "not json", "" },
        { "{", "" },
        { "[]", "$" },
        { "\"text\"", "$" },
        { "null", "$" },
        { "{}", "invitationNumber" },
        { """{"invitationNumber":1234567890}""", "invitationNumber" },
        { """{"invitationNumber":"12345"}""", "invitationNumber" },
        { """{"category":"diplomatic"}""", "category" },
        { """{"category":null}""", "category" },
        { """{"passport":"P1234567"}""", "passport" },
        { """{"passport":{"dateOfBirth":"1990-02-31"}}""", "passport.dateOfBirth" },
        { """{"passport":{"dateOfBirth":"01.05.1990"}}""", "passport.dateOfBirth" },
        { """{"passport":{"issueDate":20200101}}""", "passport.issueDate" },
        { """{"passport":{"blankPages":"six"}}""", "passport.blankPages" },
        { """{"passport":{"blankPages":2.5}}""", "passport.blankPages" },
        { """{"passport":{"blankPages":99999999999}}""", "passport.blankPages" },
        { """{"passport":{"sex":"male"}}""", "passport.sex" },
        { """{"passport":{"validityExtension":"maybe"}}""", "passport.validityExtension" },
        { """{"passport":{"condition":{"hasReservationsOrRecords":"no"}}}""", "passport.condition.hasReservationsOrRecords" },
        { """{"passport":{"condition":[]}}""", "passport.condition" },
        { """{"passport":{"mrz":["only one line"]}}""", "passport.mrz" },
        { """{"passport":{"number":{"nested":true}}}""", "passport.number" },
        { """{"email":"not an email"}""", "email" },
        { """{"email":""}""", "email" },
        { "{\"invitationNumber\":\"\\u0000\"}", "invitationNumber" },
        { """{"a":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}""", "" },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task Every_malformed_body_gets_a_400_naming_the_field_never_a_5xx(string body, string field)
    {
        var server = await TestServers.SharedAsync();
        var scenario = new PipelineScenario(server);
        var response = await scenario.Applicant.PostAsync("/api/applications", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (field.Length > 0)
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}: {problem}");
        }
    }

    [Fact]
    public async Task An_empty_object_lists_every_missing_field_at_once()
    {
        var server = await TestServers.SharedAsync();
        var response = await new PipelineScenario(server).Applicant.PostAsync("/api/applications",
            new StringContent("""{"passport":{"condition":{}}}""", Encoding.UTF8, "application/json"));

        var problem = await TokenTests.AssertProblemAsync(response, HttpStatusCode.BadRequest, "validation-failed");
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Superset(new HashSet<string>
        {
            "invitationNumber", "category", "email", "passport.number", "passport.surname", "passport.givenNames",
            "passport.nationality", "passport.dateOfBirth", "passport.sex", "passport.issuingState", "passport.issueDate",
            "passport.expiryDate", "passport.blankPages", "passport.validityExtension",
            "passport.condition.hasReservationsOrRecords", "passport.condition.hasErasuresOrCorrections",
            "passport.condition.hasTornOrEmbroideredPages",
        }, fields);
    }

    [Fact]
    public async Task A_body_over_64_KB_gets_413()
    {
        var server = await TestServers.SharedAsync();
        var scenario = new PipelineScenario(server);
        var body = scenario.ApplicationBody("1234567890");
        body["padding"] = new string('x', 70 * 1024);

        var response = await scenario.SubmitAsync(body);

        await TokenTests.AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
    }

    [Fact]
    public async Task A_chunked_body_over_64_KB_gets_413_too()
    {
        var server = await TestServers.SharedAsync();
        var scenario = new PipelineScenario(server);
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("{\"padding\":\"" + new string('x', 70 * 1024) + "\"}")));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/applications") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await scenario.Applicant.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Only_applicants_submit()
    {
        var server = await TestServers.SharedAsync();
        var scenario = new PipelineScenario(server);
        var response = await scenario.Inviter.PostAsJsonAsync("/api/applications", scenario.ApplicationBody("1234567890"));
        await TokenTests.AssertProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
    }

}
