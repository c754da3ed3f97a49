using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EVisa.Core.Documents;

/// <summary>One public key as a JWK (RFC 7517): for seals, kty EC, crv P-256, use sig, alg ES256.</summary>
public sealed record VisaJsonWebKey(
    [property: JsonPropertyName("kty")] string Kty,
    [property: JsonPropertyName("crv")] string Crv,
    [property: JsonPropertyName("x")] string X,
    [property: JsonPropertyName("y")] string Y,
    [property: JsonPropertyName("kid")] string Kid,
    [property: JsonPropertyName("use")] string? Use,
    [property: JsonPropertyName("alg")] string? Alg);

/// <summary>
/// The JWK set that <c>GET /api/visa-keys</c> publishes (RFC 7517 section 5): the current and the retired
/// public keys, so that a seal signed before a rotation still verifies offline.
/// </summary>
public sealed record VisaJsonWebKeySet([property: JsonPropertyName("keys")] IReadOnlyList<VisaJsonWebKey> Keys)
{
    private static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Options);

    /// <summary>Reads a JWK set; throws <see cref="FormatException"/> when it is not one.</summary>
    public static VisaJsonWebKeySet Parse(string json)
    {
        try
        {
            var set = JsonSerializer.Deserialize<VisaJsonWebKeySet>(json, Options);
            if (set?.Keys is null)
                throw new FormatException("A JWK set needs a \"keys\" array.");
            return set;
        }
        catch (JsonException ex)
        {
            throw new FormatException("Not a JWK set: " + ex.Message, ex);
        }
    }

    /// <summary>
    /// The keys usable for seals: EC P-256 for signatures with ES256 (a missing use or alg is accepted, as
    /// RFC 7517 makes them optional). Keys of other kinds are skipped, as RFC 7517 asks of unknown keys;
    /// a seal key whose coordinates are not a P-256 point is an error.
    /// </summary>
    public IReadOnlyList<VisaSealPublicKey> SealKeys()
    {
        var keys = new List<VisaSealPublicKey>();
        foreach (var jwk in Keys)
        {
            if (jwk is null || jwk.Kty != "EC" || jwk.Crv != "P-256" || jwk.Use is not (null or "sig") || jwk.Alg is not (null or "ES256"))
                continue;
            try
            {
                keys.Add(new VisaSealPublicKey(jwk.Kid, Base64Url.DecodeFromChars(jwk.X), Base64Url.DecodeFromChars(jwk.Y)));
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or System.Security.Cryptography.CryptographicException)
            {
                throw new FormatException($"The JWK '{jwk.Kid}' is not a valid P-256 public key.", ex);
            }
        }

        return keys;
    }
}
