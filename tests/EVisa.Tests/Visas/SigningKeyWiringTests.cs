using EVisa.Core.Api.Visas;
using EVisa.Core.Documents;
using EVisa.Core.Hosting;
using EVisa.DevServer;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EVisa.Tests.Visas;

/// <summary>
/// Where the seal key comes from: configuration in every host, a kept development key in the DevServer's
/// Development. Wired through <see cref="CoreServices"/> as both hosts do, without starting a server.
/// </summary>
public sealed class SigningKeyWiringTests
{
    [Fact]
    public void In_Development_without_a_configured_key_the_DevServer_keeps_one_in_the_checkout_s_devserver_folder()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection().Build();
        DevServerHost.UseDevelopmentVisaKey(configuration, isDevelopment: true, repository: "/repo");
        Assert.Equal(Path.Combine("/repo", ".devserver", "visa-signing-key.pem"), configuration["VisaSigning:DevelopmentKeyPath"]);
    }

    [Theory]
    [InlineData(false, null, null)]
    [InlineData(true, "-----BEGIN PRIVATE KEY-----", null)]
    [InlineData(true, null, "/tmp/mine.pem")]
    public void A_configured_key_or_path_and_other_environments_are_left_alone(bool development, string? key, string? path)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["VisaSigning:CurrentKey"] = key,
            ["VisaSigning:DevelopmentKeyPath"] = path,
        }).Build();
        DevServerHost.UseDevelopmentVisaKey(configuration, development, repository: "/repo");
        Assert.Equal(path, configuration["VisaSigning:DevelopmentKeyPath"]);
    }

    [Fact]
    [Trait("Rule", "R11")]
    public void A_configured_key_signs_and_retired_keys_are_published_after_it()
    {
        using var current = VisaSigningKey.Generate("2026-11");
        using var retired = VisaSigningKey.Generate("2025-01");
        using var services = Services(new Dictionary<string, string?>
        {
            ["VisaSigning:CurrentKeyId"] = current.KeyId,
            ["VisaSigning:CurrentKey"] = current.ExportPkcs8Pem(),
            ["VisaSigning:RetiredKeys:0:KeyId"] = retired.KeyId,
            // Public part only: a retired key no longer needs its private half anywhere.
            ["VisaSigning:RetiredKeys:0:Key"] = Convert.ToBase64String(SubjectPublicKeyInfo(retired)),
        });

        var context = new DefaultHttpContext { RequestServices = services };
        var result = Assert.IsType<ContentResult>(services.GetRequiredService<VisaKeysHandler>().Handle(context.Request));

        var published = VisaJsonWebKeySet.Parse(result.Content!).SealKeys();
        Assert.Equal(["2026-11", "2025-01"], published.Select(k => k.KeyId));
        Assert.Equal(current.PublicKey.Thumbprint(), published[0].Thumbprint());
        Assert.Equal(retired.PublicKey.Thumbprint(), published[1].Thumbprint());
        // Only public parts: a JWK with "d" would hand out the signing key.
        Assert.DoesNotContain("\"d\"", result.Content!, StringComparison.Ordinal);
        Assert.Equal("2026-11", services.GetRequiredService<VisaSigningKeys>().CreateSigner().KeyId);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        settings["AzureWebJobsStorage"] = "UseDevelopmentStorage=true";
        settings["Identity:SigningKeys:0"] = "ZGV2LW9ubHktc2lnbmluZy1rZXktZm9yLWV2aXNhLWxvY2FsLXJ1bnMtMzJieXRlcyE=";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddEVisaCore(configuration).BuildServiceProvider();
    }

    private static byte[] SubjectPublicKeyInfo(VisaSigningKey key)
    {
        using var ecdsa = System.Security.Cryptography.ECDsa.Create();
        ecdsa.ImportFromPem(key.ExportPkcs8Pem());
        return ecdsa.ExportSubjectPublicKeyInfo();
    }
}
