using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace EVisa.Core.Documents;

/// <summary>A public key that verifies seals: a P-256 point and the key id that seals name.</summary>
public sealed class VisaSealPublicKey
{
    private const string P256Oid = "1.2.840.10045.3.1.7";
    private readonly byte[] _x;
    private readonly byte[] _y;

    public VisaSealPublicKey(string keyId, ReadOnlySpan<byte> x, ReadOnlySpan<byte> y)
    {
        if (!VisaSealCodec.IsValidKeyId(keyId))
            throw new ArgumentException("A key id is 1 to 64 of A-Z a-z 0-9 _ -.", nameof(keyId));
        if (x.Length != 32 || y.Length != 32)
            throw new ArgumentException("A P-256 coordinate is 32 bytes.");
        KeyId = keyId;
        _x = x.ToArray();
        _y = y.ToArray();
        // Rejects a point that is not on the curve now, rather than at the first verification.
        using var check = CreateVerifier();
    }

    public string KeyId { get; }

    public ReadOnlySpan<byte> X => _x;

    public ReadOnlySpan<byte> Y => _y;

    /// <summary>From an EC key in PEM (<c>PUBLIC KEY</c> or <c>PRIVATE KEY</c>) or base64 DER (SPKI or PKCS#8); only the public part is kept.</summary>
    public static VisaSealPublicKey Parse(string keyId, string pemOrBase64)
    {
        using var key = VisaKeyMaterial.Import(pemOrBase64, requirePrivate: false);
        return FromKey(keyId, key);
    }

    public static VisaSealPublicKey FromKey(string keyId, ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var parameters = key.ExportParameters(includePrivateParameters: false);
        if (parameters.Curve.Oid?.Value != P256Oid && parameters.Curve.Oid?.FriendlyName is not ("nistP256" or "ECDSA_P256"))
            throw new ArgumentException("A visa seal key must be on the P-256 curve.", nameof(key));
        return new VisaSealPublicKey(keyId, parameters.Q.X, parameters.Q.Y);
    }

    /// <summary>The key as a JWK (RFC 7517/7518): kty EC, crv P-256, use sig, alg ES256.</summary>
    public VisaJsonWebKey ToJwk() => new("EC", "P-256", Base64Url.EncodeToString(_x), Base64Url.EncodeToString(_y), KeyId, "sig", "ES256");

    /// <summary>RFC 7638 JWK thumbprint (SHA-256, base64url).</summary>
    public string Thumbprint()
    {
        var canonical = $$"""{"crv":"P-256","kty":"EC","x":"{{Base64Url.EncodeToString(_x)}}","y":"{{Base64Url.EncodeToString(_y)}}"}""";
        return Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(canonical)));
    }

    /// <summary>A new ECDsa for this public key; the caller disposes it. One per use, so verification is thread-safe.</summary>
    internal ECDsa CreateVerifier() => ECDsa.Create(new ECParameters
    {
        Curve = ECCurve.NamedCurves.nistP256,
        Q = new ECPoint { X = _x, Y = _y },
    });
}

/// <summary>
/// The key that signs new seals: a P-256 private key and its key id. Owns the <see cref="ECDsa"/> it is given.
/// </summary>
public sealed class VisaSigningKey : IDisposable
{
    private readonly ECDsa _key;
    private readonly Lock _gate = new();

    public VisaSigningKey(string keyId, ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        PublicKey = VisaSealPublicKey.FromKey(keyId, key);
        KeyId = keyId;
        _key = key;
    }

    public string KeyId { get; }

    public VisaSealPublicKey PublicKey { get; }

    /// <summary>From configuration: a PKCS#8 private key in PEM (<c>-----BEGIN PRIVATE KEY-----</c>) or as base64 DER.</summary>
    public static VisaSigningKey FromPkcs8(string keyId, string pemOrBase64)
    {
        var key = VisaKeyMaterial.Import(pemOrBase64, requirePrivate: true);
        try
        {
            return new VisaSigningKey(keyId, key);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>A fresh random P-256 key.</summary>
    public static VisaSigningKey Generate(string keyId) => new(keyId, ECDsa.Create(ECCurve.NamedCurves.nistP256));

    /// <summary>The private key as PKCS#8 PEM, the form <see cref="FromPkcs8"/> reads.</summary>
    public string ExportPkcs8Pem()
    {
        lock (_gate)
            return _key.ExportPkcs8PrivateKeyPem();
    }

    /// <summary>
    /// For development only: the P-256 key kept in a PKCS#8 PEM file at <paramref name="path"/>, made on first
    /// use (readable by the owner only). Its key id is <c>dev-</c> and the start of its RFC 7638 thumbprint, so
    /// the file needs nothing else and a new file gets a new key id.
    /// </summary>
    public static VisaSigningKey LoadOrCreateDevelopmentKey(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            using var fresh = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            TryCreateKeyFile(path, fresh.ExportPkcs8PrivateKeyPem());
        }

        var key = VisaKeyMaterial.Import(File.ReadAllText(path), requirePrivate: true);
        try
        {
            return new VisaSigningKey(DevelopmentKeyId(key), key);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>Saves this key as a PKCS#8 PEM file readable by the owner only (overwrites).</summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var pem = ExportPkcs8Pem();
        File.Delete(path);
        TryCreateKeyFile(path, pem);
    }

    /// <summary>Signs with ECDSA P-256, SHA-256, IEEE P1363 (r‖s).</summary>
    internal byte[] Sign(ReadOnlySpan<byte> data)
    {
        lock (_gate)
            return _key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    public void Dispose() => _key.Dispose();

    private static string DevelopmentKeyId(ECDsa key) => "dev-" + VisaSealPublicKey.FromKey("probe", key).Thumbprint()[..12];

    private static void TryCreateKeyFile(string path, string pem)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
            Directory.CreateDirectory(directory);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using var stream = new FileStream(path, options);
            using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            writer.Write(pem);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process made it first: use theirs.
        }
    }
}

internal static class VisaKeyMaterial
{
    /// <summary>An EC key from PEM or from base64 DER (PKCS#8 private key, or SPKI public key when allowed).</summary>
    public static ECDsa Import(string pemOrBase64, bool requirePrivate)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pemOrBase64);
        var key = ECDsa.Create();
        try
        {
            var text = pemOrBase64.Trim();
            if (text.StartsWith("-----BEGIN", StringComparison.Ordinal))
            {
                key.ImportFromPem(text);
            }
            else
            {
                var der = Convert.FromBase64String(text);
                try
                {
                    key.ImportPkcs8PrivateKey(der, out _);
                }
                catch (CryptographicException) when (!requirePrivate)
                {
                    key.ImportSubjectPublicKeyInfo(der, out _);
                }
            }

            if (requirePrivate)
            {
                // Throws when only a public key was imported.
                _ = key.ExportParameters(includePrivateParameters: true);
            }

            return key;
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or ArgumentException)
        {
            key.Dispose();
            throw new FormatException(
                requirePrivate
                    ? "The visa signing key is not a PKCS#8 EC private key in PEM or base64."
                    : "The visa seal key is not an EC key in PEM or base64 (SPKI or PKCS#8).",
                ex);
        }
    }
}
