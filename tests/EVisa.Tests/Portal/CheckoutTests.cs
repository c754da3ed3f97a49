using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using EVisa.DevServer;
using EVisa.Tests.Infrastructure;
using EVisa.Tests.Pipeline;
using Microsoft.AspNetCore.WebUtilities;

namespace EVisa.Tests.Portal;

/// <summary>
/// Paying through the provider's hosted page: the checkout answers the page's address for the application's one fee,
/// the DevServer's simulated provider page posts the signed webhook as the provider would and sends the browser back,
/// a declined or abandoned payment can be tried again, and the return address cannot point off the site.
/// </summary>
[Trait("Rule", "R5")]
public sealed partial class CheckoutTests
{
    [Fact]
    public async Task Checkout_sends_the_applicant_to_the_simulated_provider_whose_Pay_issues_the_visa_and_comes_back()
    {
        var server = await TestServers.SharedAsync();
        var scenario = new PipelineScenario(server);
        var applicationId = await scenario.AwaitingPaymentAsync();
        var status = await scenario.StatusAsync(applicationId);
        var fee = status.GetProperty("payment");

        var checkout = await CheckoutAsync(scenario, applicationId, $"/status.html?id={applicationId}");

        Assert.Equal(fee.GetProperty("paymentReference").GetString(), checkout.GetProperty("paymentReference").GetString());
        Assert.Equal(fee.GetProperty("amountMinor").GetInt64(), checkout.GetProperty("amount").GetProperty("minor").GetInt64());
        Assert.Equal(fee.GetProperty("currency").GetString(), checkout.GetProperty("amount").GetProperty("currency").GetString());
        var page = new Uri(checkout.GetProperty("checkoutUrl").GetString()!);
        Assert.Equal(server.BaseAddress.GetLeftPart(UriPartial.Authority), page.GetLeftPart(UriPartial.Authority));
        Assert.Equal("/dev/payment-provider/checkout", page.AbsolutePath);
        var query = QueryHelpers.ParseQuery(page.Query);
        Assert.Equal(fee.GetProperty("paymentReference").GetString(), query["reference"].ToString());
        Assert.Equal(fee.GetProperty("amountMinor").GetInt64().ToString(CultureInfo.InvariantCulture), query["amount"].ToString());
        Assert.Equal(new Uri(server.BaseAddress, $"/status.html?id={applicationId}").AbsoluteUri, query["returnUrl"].ToString());

        var browser = Browser(server);
        var html = await browser.GetStringAsync(page);
        Assert.Contains("simulated payment provider — development only", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        using var paid = await browser.PostAsync(page.AbsolutePath, new FormUrlEncodedContent(FormOf(html, "pay")));

        Assert.Equal(HttpStatusCode.SeeOther, paid.StatusCode);
        Assert.Equal(query["returnUrl"].ToString(), paid.Headers.Location!.AbsoluteUri);
        var issued = await scenario.StatusBecomesAsync(applicationId, "issued");
        Assert.False(string.IsNullOrEmpty(issued.GetProperty("visaNumber").GetString()));
        var afterwards = await scenario.Applicant.PostAsJsonAsync($"/api/applications/{applicationId}/checkout",
            new { returnPath = "/status.html" });
        await AssertProblemAsync(afterwards, HttpStatusCode.Conflict, "not-awaiting-payment");
    }

    [Fact]
    public async Task A_declined_payment_is_shown_and_the_applicant_may_check_out_again_while_a_cancelled_one_changes_nothing()
    {
        var server = await TestServers.SharedAsync();
        var scenario = new PipelineScenario(server);
        var applicationId = await scenario.AwaitingPaymentAsync();
        var browser = Browser(server);

        var page = new Uri(server.BaseAddress, (await CheckoutAsync(scenario, applicationId, "/status.html")).GetProperty("checkoutUrl").GetString());
        var form = FormOf(await browser.GetStringAsync(page), "cancel");
        using (var cancelled = await browser.PostAsync(page.AbsolutePath, new FormUrlEncodedContent(form)))
            Assert.Equal(HttpStatusCode.SeeOther, cancelled.StatusCode);
        var status = await scenario.StatusAsync(applicationId);
        Assert.Equal("awaiting-payment", status.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("payment").GetProperty("lastFailedAt").ValueKind);

        using (var declined = await browser.PostAsync(page.AbsolutePath, new FormUrlEncodedContent(FormOf(await browser.GetStringAsync(page), "decline"))))
            Assert.Equal(HttpStatusCode.SeeOther, declined.StatusCode);
        status = await scenario.StatusAsync(applicationId);
        Assert.Equal("awaiting-payment", status.GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKind.Null, status.GetProperty("payment").GetProperty("lastFailedAt").ValueKind);

        // The retry: a new checkout for the same fee, paid this time.
        var again = new Uri(server.BaseAddress, (await CheckoutAsync(scenario, applicationId, "/status.html")).GetProperty("checkoutUrl").GetString());
        using (var paid = await browser.PostAsync(again.AbsolutePath, new FormUrlEncodedContent(FormOf(await browser.GetStringAsync(again), "pay"))))
            Assert.Equal(HttpStatusCode.SeeOther, paid.StatusCode);
        await scenario.StatusBecomesAsync(applicationId, "issued");
    }

    [Theory]
    [InlineData("https://evil.example/phish")]
    [InlineData("//evil.example/phish")]
    [InlineData("/\\evil.example/phish")]
    [InlineData("\\\\evil.example")]
    [InlineData("status.html")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/status.html\r\nLocation: https://evil.example")]
    [InlineData("")]
    public async Task A_return_path_off_the_site_is_refused(string returnPath)
    {
        var server = await TestServers.SharedAsync();
        var scenario = new PipelineScenario(server);
        var applicationId = await scenario.AwaitingPaymentAsync();

        var response = await scenario.Applicant.PostAsJsonAsync($"/api/applications/{applicationId}/checkout", new { returnPath });

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "validation-failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("returnPath", out _));
    }

    [Fact]
    public async Task The_simulated_provider_refuses_a_return_address_on_another_site()
    {
        var server = await TestServers.SharedAsync();
        var browser = Browser(server);

        var query = "?reference=PAY-0123456789ABCDEF0123&amount=8000&currency=USD&returnUrl=" + Uri.EscapeDataString("https://evil.example/");
        using var page = await browser.GetAsync("/dev/payment-provider/checkout" + query);
        using var post = await browser.PostAsync("/dev/payment-provider/checkout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["reference"] = "PAY-0123456789ABCDEF0123",
            ["amount"] = "8000",
            ["currency"] = "USD",
            ["returnUrl"] = "https://evil.example/",
            ["action"] = "cancel",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Null(post.Headers.Location);
    }

    private static HttpClient Browser(DevServerHost server) =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };

    private static async Task<JsonElement> CheckoutAsync(PipelineScenario scenario, string applicationId, string returnPath)
    {
        var response = await scenario.Applicant.PostAsJsonAsync($"/api/applications/{applicationId}/checkout", new { returnPath });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The page's form fields as a browser submits them with the named button.</summary>
    private static Dictionary<string, string> FormOf(string html, string action)
    {
        var fields = HiddenInput().Matches(html).ToDictionary(m => m.Groups["name"].Value, m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        Assert.Contains($"value=\"{action}\"", html, StringComparison.Ordinal);
        fields["action"] = action;
        return fields;
    }

    internal static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(code, problem.GetProperty("code").GetString());
        return problem;
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\">")]
    private static partial Regex HiddenInput();
}
