using System.Security.Cryptography;
using System.Text;

namespace EVisa.Core.Documents;

/// <summary>
/// Verifies a seal offline (R11), against public keys only: a border officer's or an airline's device holds
/// the JWK set from <c>GET /api/visa-keys</c> and needs nothing else. Thread-safe.
/// </summary>
public sealed class VisaSealVerifier
{
    private readonly Dictionary<string, VisaSealPublicKey> _keys;

    public VisaSealVerifier(IEnumerable<VisaSealPublicKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _keys = new Dictionary<string, VisaSealPublicKey>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (!_keys.TryAdd(key.KeyId, key))
                throw new ArgumentException($"The key id '{key.KeyId}' appears twice.", nameof(keys));
        }
    }

    /// <summary>From the JSON of a JWK set; throws <see cref="FormatException"/> when it is not one.</summary>
    public static VisaSealVerifier FromJwkSet(string jwkSetJson) => new(VisaJsonWebKeySet.Parse(jwkSetJson).SealKeys());

    public IReadOnlyCollection<string> KeyIds => _keys.Keys;

    public VisaSealVerification Verify(string? sealText)
    {
        if (!VisaSealCodec.TrySplit(sealText, out var signingInput, out var keyId, out var payload, out var signature))
            return VisaSealVerification.Invalid(VisaSealFailure.Malformed);
        if (!_keys.TryGetValue(keyId, out var key))
            return VisaSealVerification.Invalid(VisaSealFailure.UnknownKey, keyId);

        bool verified;
        using (var ecdsa = key.CreateVerifier())
        {
            verified = ecdsa.VerifyData(
                Encoding.ASCII.GetBytes(signingInput), signature, HashAlgorithmName.SHA256,
                DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }

        if (!verified)
            return VisaSealVerification.Invalid(VisaSealFailure.BadSignature, keyId);

        // Signed by us but unreadable: only a bug or a future format version gets here.
        return VisaSealCodec.TryDecodePayload(payload, out var data)
            ? VisaSealVerification.Valid(data!, keyId)
            : VisaSealVerification.Invalid(VisaSealFailure.Malformed, keyId);
    }
}
