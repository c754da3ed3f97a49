namespace EVisa.Core.Documents;

/// <summary>
/// The seal keys of the service: the current key, which signs new seals, and the public keys of retired
/// ones, which still verify the seals they signed until those visas have expired. Owns the current key.
/// </summary>
public sealed class VisaSigningKeys : IDisposable
{
    public VisaSigningKeys(VisaSigningKey current, IEnumerable<VisaSealPublicKey>? retired = null)
    {
        Current = current ?? throw new ArgumentNullException(nameof(current));
        Retired = [.. retired ?? []];
        PublicKeys = [current.PublicKey, .. Retired];
        if (PublicKeys.Select(k => k.KeyId).Distinct(StringComparer.Ordinal).Count() != PublicKeys.Count)
            throw new ArgumentException("Every seal key needs its own key id.", nameof(retired));
    }

    public VisaSigningKey Current { get; }

    public IReadOnlyList<VisaSealPublicKey> Retired { get; }

    /// <summary>The current key first, then the retired ones.</summary>
    public IReadOnlyList<VisaSealPublicKey> PublicKeys { get; }

    /// <summary>
    /// From configuration (see <see cref="VisaSigningKeysOptions"/>): the current key as PKCS#8 PEM or base64,
    /// or, when none is configured and a development key path is, the development key kept in that file.
    /// </summary>
    public static VisaSigningKeys FromOptions(VisaSigningKeysOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        VisaSigningKey current;
        if (!string.IsNullOrWhiteSpace(options.CurrentKey))
        {
            if (string.IsNullOrWhiteSpace(options.CurrentKeyId))
                throw new InvalidOperationException("VisaSigning:CurrentKeyId is required with VisaSigning:CurrentKey.");
            current = VisaSigningKey.FromPkcs8(options.CurrentKeyId, options.CurrentKey);
        }
        else if (!string.IsNullOrWhiteSpace(options.DevelopmentKeyPath))
        {
            current = VisaSigningKey.LoadOrCreateDevelopmentKey(options.DevelopmentKeyPath);
        }
        else
        {
            throw new InvalidOperationException("No visa signing key: set VisaSigning:CurrentKeyId and VisaSigning:CurrentKey.");
        }

        try
        {
            var retired = options.RetiredKeys.Select(r => VisaSealPublicKey.Parse(
                r.KeyId ?? throw new InvalidOperationException("Every retired visa key needs a KeyId."),
                r.Key ?? throw new InvalidOperationException($"The retired visa key '{r.KeyId}' has no Key.")));
            return new VisaSigningKeys(current, retired.ToList());
        }
        catch
        {
            current.Dispose();
            throw;
        }
    }

    public VisaSealSigner CreateSigner() => new(Current);

    public VisaSealVerifier CreateVerifier() => new(PublicKeys);

    public VisaJsonWebKeySet ToJwkSet() => new([.. PublicKeys.Select(k => k.ToJwk())]);

    /// <summary>The body of <c>GET /api/visa-keys</c>.</summary>
    public string ToJwkSetJson() => ToJwkSet().ToJson();

    public void Dispose() => Current.Dispose();
}

/// <summary>Configuration section <c>VisaSigning</c>; bind it with the options pattern.</summary>
public sealed class VisaSigningKeysOptions
{
    public const string SectionName = "VisaSigning";

    /// <summary>The key id that new seals name, e.g. <c>2026-11</c>.</summary>
    public string? CurrentKeyId { get; set; }

    /// <summary>The current private key: PKCS#8 PEM, or its DER as base64 (a Key Vault secret, say).</summary>
    public string? CurrentKey { get; set; }

    /// <summary>Keys that no longer sign but still verify: public (SPKI) or private (PKCS#8), PEM or base64.</summary>
    public List<VisaRetiredKeyOptions> RetiredKeys { get; set; } = [];

    /// <summary>Development only: where to keep a generated key when <see cref="CurrentKey"/> is not set.</summary>
    public string? DevelopmentKeyPath { get; set; }
}

public sealed class VisaRetiredKeyOptions
{
    public string? KeyId { get; set; }

    public string? Key { get; set; }
}
