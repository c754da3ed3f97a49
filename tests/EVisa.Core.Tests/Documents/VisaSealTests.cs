using System.Security.Cryptography;
using System.Text.Json;
using EVisa.Core.Documents;
using EVisa.Core.Rules;

namespace EVisa.Core.Tests.Documents;

[Trait("Rule", "R11")]
public sealed class VisaSealTests : IDisposable
{
    private readonly VisaSigningKeys _keys = new(VisaSigningKey.Generate("2026-11"));

    public void Dispose() => _keys.Dispose();

    [Fact]
    public void A_seal_round_trips_through_the_published_jwk_set()
    {
        var data = VisaSamples.Document("x").ToSealData();
        var seal = _keys.CreateSigner().Sign(data);

        var result = VisaSealVerifier.FromJwkSet(_keys.ToJwkSetJson()).Verify(seal);

        Assert.True(result.IsValid, result.Reason);
        Assert.Equal(data, result.Data);
        Assert.Equal("2026-11", result.KeyId);
        Assert.Equal(1, result.Data.Entries);
        Assert.StartsWith("EV1.2026-11.", seal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ҚҰНАНБАЙҰЛЫ", "ӘЛІҺАН ҒӨҮҢ")]
    [InlineData("O'NEIL-SMITH", "")]
    [InlineData("Müller", "José María")]
    public void Names_in_any_script_round_trip(string surname, string givenNames)
    {
        var data = VisaSamples.Document("x", surname, givenNames).ToSealData();

        var result = _keys.CreateVerifier().Verify(_keys.CreateSigner().Sign(data));

        Assert.True(result.IsValid, result.Reason);
        Assert.Equal(data, result.Data);
    }

    [Fact]
    public void The_jwk_set_has_the_published_shape()
    {
        using var json = JsonDocument.Parse(_keys.ToJwkSetJson());

        var key = Assert.Single(json.RootElement.GetProperty("keys").EnumerateArray());
        Assert.Equal("EC", key.GetProperty("kty").GetString());
        Assert.Equal("P-256", key.GetProperty("crv").GetString());
        Assert.Equal("sig", key.GetProperty("use").GetString());
        Assert.Equal("ES256", key.GetProperty("alg").GetString());
        Assert.Equal("2026-11", key.GetProperty("kid").GetString());
        Assert.Equal(43, key.GetProperty("x").GetString()!.Length);
        Assert.Equal(43, key.GetProperty("y").GetString()!.Length);
        Assert.False(key.TryGetProperty("d", out _));
    }

    [Fact]
    public void Every_single_character_change_in_the_data_is_rejected()
    {
        var seal = _keys.CreateSigner().Sign(VisaSamples.Document("x").ToSealData());
        var verifier = VisaSealVerifier.FromJwkSet(_keys.ToJwkSetJson());
        var payloadStart = seal.IndexOf('.', 4) + 1;
        var payloadEnd = seal.LastIndexOf('.');

        for (var i = payloadStart; i < payloadEnd; i++)
        {
            var tampered = Replace(seal, i);
            var result = verifier.Verify(tampered);
            Assert.False(result.IsValid, $"a change at {i} verified");
            Assert.Equal(VisaSealFailure.BadSignature, result.Failure);
        }
    }

    [Fact]
    public void Every_single_character_change_in_the_signature_is_rejected()
    {
        var seal = _keys.CreateSigner().Sign(VisaSamples.Document("x").ToSealData());
        var verifier = _keys.CreateVerifier();

        for (var i = seal.LastIndexOf('.') + 1; i < seal.Length; i++)
        {
            var result = verifier.Verify(Replace(seal, i));
            Assert.False(result.IsValid, $"a change at {i} verified");
            Assert.Contains(result.Failure, new VisaSealFailure?[] { VisaSealFailure.BadSignature, VisaSealFailure.Malformed });
        }
    }

    [Fact]
    public void Data_signed_by_one_key_and_resealed_under_another_is_rejected()
    {
        using var other = VisaSigningKey.Generate("2026-11");
        var forged = new VisaSealSigner(other).Sign(VisaSamples.Document("x").ToSealData());

        var result = _keys.CreateVerifier().Verify(forged);

        Assert.Equal(VisaSealFailure.BadSignature, result.Failure);
        Assert.Equal("bad-signature", result.Reason);
    }

    [Fact]
    public void An_unknown_key_id_is_rejected()
    {
        using var stranger = VisaSigningKey.Generate("stranger");
        var seal = new VisaSealSigner(stranger).Sign(VisaSamples.Document("x").ToSealData());

        var result = VisaSealVerifier.FromJwkSet(_keys.ToJwkSetJson()).Verify(seal);

        Assert.Equal(VisaSealFailure.UnknownKey, result.Failure);
        Assert.Equal("unknown-key", result.Reason);
        Assert.Equal("stranger", result.KeyId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("hello")]
    [InlineData("EV1.2026-11.abc")]
    [InlineData("EV2.2026-11.abc.def")]
    [InlineData("EV1.bad kid.abc.AAAA")]
    [InlineData("EV1.2026-11.abc.AAAA")]
    public void Text_that_is_not_a_seal_is_malformed(string? text)
    {
        var result = _keys.CreateVerifier().Verify(text);

        Assert.Equal(VisaSealFailure.Malformed, result.Failure);
        Assert.Equal("malformed", result.Reason);
    }

    [Fact]
    public void A_retired_key_still_verifies_what_it_signed_and_the_new_key_signs()
    {
        using var old = VisaSigningKey.Generate("2025-11");
        var oldSeal = new VisaSealSigner(old).Sign(VisaSamples.Document("x").ToSealData());
        using var rotated = new VisaSigningKeys(VisaSigningKey.Generate("2026-11"), [old.PublicKey]);

        var verifier = VisaSealVerifier.FromJwkSet(rotated.ToJwkSetJson());
        var newSeal = rotated.CreateSigner().Sign(VisaSamples.Document("x").ToSealData());

        Assert.Equal(["2026-11", "2025-11"], rotated.PublicKeys.Select(k => k.KeyId));
        Assert.True(verifier.Verify(oldSeal).IsValid);
        Assert.Equal("2025-11", verifier.Verify(oldSeal).KeyId);
        Assert.True(verifier.Verify(newSeal).IsValid);
        Assert.Equal("2026-11", verifier.Verify(newSeal).KeyId);
    }

    [Fact]
    public void Keys_load_from_configuration_as_pem_or_base64()
    {
        using var current = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var retired = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var options = new VisaSigningKeysOptions
        {
            CurrentKeyId = "2026-11",
            CurrentKey = current.ExportPkcs8PrivateKeyPem(),
            RetiredKeys =
            [
                new VisaRetiredKeyOptions { KeyId = "2025-11", Key = retired.ExportSubjectPublicKeyInfoPem() },
                new VisaRetiredKeyOptions { KeyId = "2024-11", Key = Convert.ToBase64String(retired.ExportSubjectPublicKeyInfo()) },
            ],
        };
        using var fromPem = VisaSigningKeys.FromOptions(options);
        options.CurrentKey = Convert.ToBase64String(current.ExportPkcs8PrivateKey());
        using var fromBase64 = VisaSigningKeys.FromOptions(options);
        var oldSeal = new VisaSealSigner(new VisaSigningKey("2025-11", retired)).Sign(VisaSamples.Document("x").ToSealData());

        var seal = fromPem.CreateSigner().Sign(VisaSamples.Document("x").ToSealData());

        Assert.True(fromBase64.CreateVerifier().Verify(seal).IsValid);
        Assert.True(fromPem.CreateVerifier().Verify(oldSeal).IsValid);
        Assert.Equal(fromPem.ToJwkSetJson(), fromBase64.ToJwkSetJson());
    }

    [Fact]
    public void A_public_key_cannot_sign_and_another_curve_is_refused()
    {
        using var p256 = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        Assert.Throws<FormatException>(() => VisaSigningKey.FromPkcs8("k", p256.ExportSubjectPublicKeyInfoPem()));
        Assert.Throws<FormatException>(() => VisaSigningKey.FromPkcs8("k", "not a key"));
        Assert.Throws<ArgumentException>(() => VisaSigningKey.FromPkcs8("k", p384.ExportPkcs8PrivateKeyPem()));
        Assert.Throws<ArgumentException>(() => VisaSigningKey.Generate("has.dot"));
    }

    [Fact]
    public void A_development_key_is_made_once_and_kept_in_its_file()
    {
        var directory = Directory.CreateTempSubdirectory("evisa-devkey-");
        try
        {
            var path = Path.Combine(directory.FullName, "nested", "visa-seal.pem");
            using var first = VisaSigningKey.LoadOrCreateDevelopmentKey(path);
            using var second = VisaSigningKey.LoadOrCreateDevelopmentKey(path);

            Assert.StartsWith("dev-", first.KeyId, StringComparison.Ordinal);
            Assert.Equal(first.KeyId, second.KeyId);
            Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(path), StringComparison.Ordinal);
            if (!OperatingSystem.IsWindows())
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            var seal = new VisaSealSigner(first).Sign(VisaSamples.Document("x").ToSealData());
            Assert.True(new VisaSealVerifier([second.PublicKey]).Verify(seal).IsValid);

            var saved = Path.Combine(directory.FullName, "saved.pem");
            first.Save(saved);
            using var reloaded = VisaSigningKey.LoadOrCreateDevelopmentKey(saved);
            Assert.Equal(first.KeyId, reloaded.KeyId);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Without_a_configured_key_the_development_key_file_is_used_and_without_either_it_fails()
    {
        var directory = Directory.CreateTempSubdirectory("evisa-devkey-");
        try
        {
            var options = new VisaSigningKeysOptions { DevelopmentKeyPath = Path.Combine(directory.FullName, "seal.pem") };
            using var keys = VisaSigningKeys.FromOptions(options);

            Assert.StartsWith("dev-", keys.Current.KeyId, StringComparison.Ordinal);
            Assert.True(File.Exists(options.DevelopmentKeyPath));
            Assert.Throws<InvalidOperationException>(() => VisaSigningKeys.FromOptions(new VisaSigningKeysOptions()));
            Assert.Throws<InvalidOperationException>(() => VisaSigningKeys.FromOptions(new VisaSigningKeysOptions { CurrentKey = keys.Current.ExportPkcs8Pem() }));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Two_keys_with_one_id_are_refused()
    {
        using var current = VisaSigningKey.Generate("same");
        using var other = VisaSigningKey.Generate("same");

        Assert.Throws<ArgumentException>(() => new VisaSigningKeys(current, [other.PublicKey]));
    }

    [Fact]
    public void A_jwk_set_with_a_point_off_the_curve_is_refused_and_foreign_keys_are_skipped()
    {
        var jwk = _keys.Current.PublicKey.ToJwk();
        var offCurve = new VisaJsonWebKeySet([jwk with { Y = jwk.X }]).ToJson();
        var withRsa = new VisaJsonWebKeySet([jwk, new VisaJsonWebKey("RSA", "", "", "", "rsa-1", "sig", "RS256")]).ToJson();

        Assert.Throws<FormatException>(() => VisaSealVerifier.FromJwkSet(offCurve));
        Assert.Throws<FormatException>(() => VisaSealVerifier.FromJwkSet("{\"nokeys\":1}"));
        Assert.Equal(["2026-11"], VisaSealVerifier.FromJwkSet(withRsa).KeyIds);
    }

    [Fact]
    [Trait("Rule", "R1")]
    public void The_seal_carries_the_category_and_one_entry()
    {
        var data = VisaSamples.Document("x").ToSealData() with { Category = VisaCategory.Medical };

        var result = _keys.CreateVerifier().Verify(_keys.CreateSigner().Sign(data));

        Assert.Equal(VisaCategory.Medical, result.Data!.Category);
        Assert.Equal(1, result.Data.Entries);
    }

    private static string Replace(string text, int index)
    {
        var chars = text.ToCharArray();
        chars[index] = chars[index] == 'A' ? 'B' : 'A';
        return new string(chars);
    }
}
