using System.Net;
using EVisa.Core.Api.Visas;
using EVisa.Core.Documents;
using EVisa.Core.Identity;
using EVisa.Core.Visas;
using EVisa.Tests.Foundation;
using EVisa.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using PigDocument = UglyToad.PdfPig.PdfDocument;

namespace EVisa.Tests.Visas;

/// <summary>Issuing a visa and downloading its PDF through real HTTP, on real Azurite.</summary>
public sealed class VisaIssueTests
{
    [Fact]
    [Trait("Rule", "R11")]
    public async Task The_owner_downloads_a_one_page_PDF_with_the_holder_and_the_visa_number()
    {
        var server = await TestServers.SharedAsync();
        var (request, issued) = await VisaSamples.IssueAsync(server);

        var response = await server.ClientFor(request.ApplicantId, Role.Applicant).GetAsync($"/api/applications/{request.ApplicationId}/visa");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"evisa-{issued.VisaNumber}.pdf", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        using var pdf = PigDocument.Open(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, pdf.NumberOfPages);
        var text = pdf.GetPage(1).Text;
        Assert.Contains("ZHANG", text, StringComparison.Ordinal);
        Assert.Contains("WEI LING", text, StringComparison.Ordinal);
        Assert.Contains(issued.VisaNumber, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_applicant_gets_404_and_an_officer_may_download()
    {
        var server = await TestServers.SharedAsync();
        var (request, _) = await VisaSamples.IssueAsync(server);
        var path = $"/api/applications/{request.ApplicationId}/visa";

        await TokenTests.AssertProblemAsync(await server.ClientFor("someone-else", Role.Applicant).GetAsync(path), HttpStatusCode.NotFound, "not-found");
        Assert.Equal(HttpStatusCode.OK, (await server.ClientFor("officer-1", Role.Officer).GetAsync(path)).StatusCode);
        await TokenTests.AssertProblemAsync(await server.ClientFor(request.ApplicantId, Role.Applicant).GetAsync("/api/applications/app-none/visa"),
            HttpStatusCode.NotFound, "not-found");
    }

    [Theory]
    [InlineData(Role.Border)]
    [InlineData(Role.Inviter)]
    public async Task Other_roles_get_403_for_the_PDF(Role role)
    {
        var server = await TestServers.SharedAsync();
        var (request, _) = await VisaSamples.IssueAsync(server);
        var response = await server.ClientFor(request.ApplicantId, role).GetAsync($"/api/applications/{request.ApplicationId}/visa");
        await TokenTests.AssertProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    [Trait("Rule", "R6")]
    public async Task A_retried_issue_creates_no_second_visa_or_blob()
    {
        var server = await TestServers.SharedAsync();
        var issuer = server.Services.GetRequiredService<VisaIssuer>();
        var store = server.Services.GetRequiredService<VisaStore>();
        var request = VisaSamples.Request();

        var first = await issuer.IssueAsync(request);
        var stored = await store.GetAsync(first.VisaNumber, CancellationToken.None);
        var again = await issuer.IssueAsync(request with { IssuedAt = DateTimeOffset.UtcNow.AddDays(3) });
        // Even a retry that was handed another number lands on the application's one visa.
        var otherNumber = VisaSamples.Request().VisaNumber;
        var renumbered = await issuer.IssueAsync(request with { VisaNumber = otherNumber });
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => issuer.IssueAsync(request)));

        Assert.All(new[] { again, renumbered }.Concat(concurrent), r => Assert.Equal(first, r));
        Assert.Equal(stored, await store.GetAsync(first.VisaNumber, CancellationToken.None));
        Assert.Null(await store.GetAsync(otherNumber, CancellationToken.None));
        Assert.Equal(1, await store.CountPdfsAsync(first.VisaNumber, CancellationToken.None));
        Assert.Equal(0, await store.CountPdfsAsync(otherNumber, CancellationToken.None));
    }

    [Fact]
    public async Task A_number_that_is_another_application_s_visa_is_refused_and_another_number_then_works()
    {
        var server = await TestServers.SharedAsync();
        var issuer = server.Services.GetRequiredService<VisaIssuer>();
        var (_, taken) = await VisaSamples.IssueAsync(server);
        var request = VisaSamples.Request() with { VisaNumber = taken.VisaNumber };

        await Assert.ThrowsAsync<InvalidOperationException>(() => issuer.IssueAsync(request));
        var other = VisaSamples.Request().VisaNumber;
        var issued = await issuer.IssueAsync(request with { VisaNumber = other });

        Assert.Equal(other, issued.VisaNumber);
        Assert.Equal(request.ApplicationId, (await server.Services.GetRequiredService<VisaStore>().GetAsync(other, CancellationToken.None))!.ApplicationId);
    }

    [Fact]
    [Trait("Rule", "R11")]
    public async Task The_published_key_set_verifies_an_issued_seal_and_rejects_a_tampered_one()
    {
        var server = await TestServers.SharedAsync();
        var (request, issued) = await VisaSamples.IssueAsync(server);
        var seal = (await server.Services.GetRequiredService<VisaStore>().GetAsync(issued.VisaNumber, CancellationToken.None))!.SealText;

        var response = await server.Client().GetAsync("/api/visa-keys");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(VisaKeysHandler.ContentType, response.Content.Headers.ContentType?.MediaType);
        var verifier = VisaSealVerifier.FromJwkSet(await response.Content.ReadAsStringAsync());

        var verified = verifier.Verify(seal);
        Assert.True(verified.IsValid);
        Assert.Equal(issued.VisaNumber, verified.Data.VisaNumber);
        Assert.Equal(request.PassportNumber, verified.Data.PassportNumber);

        var parts = seal.Split('.');
        var payload = parts[2].ToCharArray();
        payload[5] = payload[5] == 'A' ? 'B' : 'A';
        var tampered = string.Join('.', parts[0], parts[1], new string(payload), parts[3]);
        Assert.False(verifier.Verify(tampered).IsValid);
    }
}
