using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EVisa.Core.Identity;
using EVisa.DevServer;
using EVisa.Tests.Infrastructure;

namespace EVisa.Tests.Portal;

/// <summary>A DevServer outside Development serving a small built portal (a fixture, not the real web/dist).</summary>
public sealed class ProductionPortalServer : IAsyncLifetime
{
    public const string Authority = "https://evisatenant.ciamlogin.com/0b5f6c1e-0000-4000-8000-000000000000/v2.0";
    public const string Checkout = "https://pay.provider.example/hosted/checkout";

    private readonly string _root = Path.Combine(Path.GetTempPath(), $"evisa-portal-{Guid.NewGuid():N}");

    private string PagesFolder => Path.Combine(_root, "pages");

    public DevServerHost Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(PagesFolder, "assets"));
        await File.WriteAllTextAsync(Path.Combine(_root, "secret.json"), "{\"secret\":\"beside the pages\"}");
        await File.WriteAllTextAsync(Path.Combine(PagesFolder, "index.html"),
            "<!doctype html><html lang=\"en\"><head><title>Portal</title><script type=\"module\" src=\"/assets/app.js\"></script></head><body><main>Start</main></body></html>");
        await File.WriteAllTextAsync(Path.Combine(PagesFolder, "status.html"), "<!doctype html><html lang=\"en\"><title>Status</title></html>");
        await File.WriteAllTextAsync(Path.Combine(PagesFolder, "assets", "app.js"), "export const portal = 'e-visa';\n" + new string(' ', 4096));
        Server = await TestServers.StartAsync(TestServers.UniqueHub("portal"), new CapturedLogs(), environment: "Production",
            settings: new Dictionary<string, string?>
            {
                ["Portal:StaticFiles"] = PagesFolder,
                ["Portal:ClientId"] = "11111111-2222-3333-4444-555555555555",
                ["Portal:Authority"] = Authority,
                ["Portal:Scopes"] = "openid offline_access api://evisa/applicant",
                ["PaymentProvider:CheckoutUrl"] = Checkout,
            });
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }
}

/// <summary>
/// The portal's pages beside the API on one origin, with the security headers of a public service on the pages and
/// on every API answer (nosniff; no-store wherever personal data or a visa may be answered).
/// </summary>
public sealed class PortalHostingTests(ProductionPortalServer portal) : IClassFixture<ProductionPortalServer>
{
    private const string StrictPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; object-src 'none'; " +
        "connect-src 'self' https://evisatenant.ciamlogin.com; form-action 'self' https://pay.provider.example; " +
        "frame-ancestors 'none'; base-uri 'none'";

    [Theory]
    [InlineData("/", "text/html")]
    [InlineData("/status.html", "text/html")]
    [InlineData("/assets/app.js", "text/javascript")]
    public async Task The_pages_are_served_at_the_root_with_a_strict_policy_and_the_other_security_headers(string path, string type)
    {
        using var response = await portal.Server.Client().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(StrictPolicy, Header(response, "Content-Security-Policy"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Equal("camera=(self), microphone=(), geolocation=(), payment=()", Header(response, "Permissions-Policy"));
        Assert.Equal("max-age=31536000; includeSubDomains", Header(response, "Strict-Transport-Security"));
        Assert.Equal("public, max-age=300", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Pages_are_compressed_for_slow_connections()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/assets/app.js");
        request.Headers.AcceptEncoding.ParseAdd("br");
        using var response = await portal.Server.Client().SendAsync(request);

        Assert.Equal("br", Assert.Single(response.Content.Headers.ContentEncoding));
    }

    [Theory]
    [InlineData("/no-such-page.html")]
    [InlineData("/assets/")]
    [InlineData("/dev/payment-provider/checkout")] // the simulated provider exists in Development only
    [InlineData("/..%2Fsecret.json")]
    [InlineData("/api/pages/..%2Fsecret.json")]
    [InlineData("/assets/..%2F..%2Fsecret.json")]
    public async Task Anything_else_outside_the_API_is_404_with_the_page_headers(string path)
    {
        using var response = await portal.Server.Client().GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(StrictPolicy, Header(response, "Content-Security-Policy"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
    }

    [Theory]
    [InlineData("/api/eligibility?nationality=IDN", HttpStatusCode.OK)]
    [InlineData("/api/visa-keys", HttpStatusCode.OK)]
    [InlineData("/api/openapi.json", HttpStatusCode.OK)]
    [InlineData("/api/portal/configuration", HttpStatusCode.OK)]
    public async Task Public_API_documents_are_nosniff_and_cacheable(string path, HttpStatusCode status)
    {
        using var response = await portal.Server.Client().GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.False(response.Headers.CacheControl?.NoStore ?? false); // the route's own caching (visa-keys: an hour), or none
        Assert.False(response.Headers.Contains("Content-Security-Policy"));
    }

    [Theory]
    [InlineData("GET", "/api/applications/0123456789abcdef0123456789abcdef", HttpStatusCode.NotFound)]
    [InlineData("GET", "/api/applications/0123456789abcdef0123456789abcdef/visa", HttpStatusCode.NotFound)]
    [InlineData("POST", "/api/applications/0123456789abcdef0123456789abcdef/checkout", HttpStatusCode.NotFound)]
    [InlineData("GET", "/api/health", HttpStatusCode.OK)]
    [InlineData("GET", "/api/no-such-route", HttpStatusCode.NotFound)]
    public async Task Every_other_API_answer_is_nosniff_and_never_stored(string method, string path, HttpStatusCode status)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
            request.Content = JsonContent.Create(new { returnPath = "/status.html" });
        using var response = await portal.Server.ClientFor($"applicant-{Guid.NewGuid():N}", Role.Applicant).SendAsync(request);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task An_unauthenticated_answer_is_never_stored_either()
    {
        using var response = await portal.Server.Client().GetAsync("/api/applications/0123456789abcdef0123456789abcdef");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
    }

    [Fact]
    public async Task With_a_client_id_and_an_authority_the_pages_sign_in_with_OpenID_Connect()
    {
        var configuration = await portal.Server.Client().GetFromJsonAsync<JsonElement>("/api/portal/configuration");

        Assert.Equal("oidc", configuration.GetProperty("signIn").GetString());
        Assert.Equal(ProductionPortalServer.Authority, configuration.GetProperty("authority").GetString());
        Assert.Equal("11111111-2222-3333-4444-555555555555", configuration.GetProperty("clientId").GetString());
        Assert.Equal("openid offline_access api://evisa/applicant", configuration.GetProperty("scopes").GetString());
        Assert.Equal("https://pay.provider.example", configuration.GetProperty("checkoutOrigin").GetString());
    }

    [Fact]
    public async Task In_Development_the_pages_use_the_development_sign_in_and_the_simulated_provider_without_HSTS()
    {
        var server = await TestServers.SharedAsync();
        var configuration = await server.Client().GetFromJsonAsync<JsonElement>("/api/portal/configuration");
        using var page = await server.Client().GetAsync(
            "/dev/payment-provider/checkout?reference=PAY-0123456789ABCDEF0123&amount=8000&currency=USD&returnUrl=" +
            Uri.EscapeDataString(new Uri(server.BaseAddress, "/status.html").AbsoluteUri));

        Assert.Equal("development", configuration.GetProperty("signIn").GetString());
        Assert.Equal(JsonValueKind.Null, configuration.GetProperty("authority").ValueKind);
        Assert.Equal(server.BaseAddress.GetLeftPart(UriPartial.Authority), configuration.GetProperty("checkoutOrigin").GetString());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.StartsWith("default-src 'self';", Header(page, "Content-Security-Policy"));
        Assert.Contains("form-action 'self';", Header(page, "Content-Security-Policy"));
        Assert.False(page.Headers.Contains("Strict-Transport-Security"));
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values)
        : response.Content.Headers.TryGetValues(name, out var content) ? string.Join(", ", content)
        : null;
}
