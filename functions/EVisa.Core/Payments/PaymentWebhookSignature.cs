using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EVisa.Core.Payments;

/// <summary>What a signature check found; anything but <see cref="Valid"/> answers 401.</summary>
public enum SignatureCheck
{
    Valid,
    Missing,
    Malformed,
    OutsideTolerance,
    Mismatch,
}

/// <summary>
/// The payment provider's webhook signature (DESIGN.md, "Identity and access"):
/// <c>Payment-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "t." + raw body&gt;</c>. The same code signs
/// (the simulator) and verifies (the webhook), so the two cannot disagree on the format.
/// </summary>
public static class PaymentWebhookSignature
{
    public const string HeaderName = "Payment-Signature";

    private const string SchemeV1 = "v1";

    // Past this a timestamp is not a date at all (year 9999); refused as malformed rather than thrown on.
    private static readonly long MaxUnixSeconds = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    /// <summary>The header value the provider sends for <paramref name="body"/> at <paramref name="timestamp"/>.</summary>
    public static string Create(string secret, long timestamp, ReadOnlySpan<byte> body) =>
        $"t={timestamp.ToString(CultureInfo.InvariantCulture)},{SchemeV1}={Convert.ToHexStringLower(Mac(secret, timestamp, body))}";

    /// <summary>
    /// Checks the header against the raw body bytes, before anything parses them. Any of <paramref name="secrets"/>
    /// may match (rotation); each comparison is constant-time, so the response time does not leak how much matched.
    /// </summary>
    public static SignatureCheck Verify(string? header, ReadOnlySpan<byte> body, IReadOnlyList<string> secrets,
        DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrWhiteSpace(header))
            return SignatureCheck.Missing;
        if (!TryParse(header, out var timestamp, out var signatures) || timestamp > MaxUnixSeconds)
            return SignatureCheck.Malformed;
        var signedAt = DateTimeOffset.FromUnixTimeSeconds(timestamp);
        if ((now - signedAt).Duration() > tolerance)
            return SignatureCheck.OutsideTolerance;

        var matched = false;
        foreach (var secret in secrets)
        {
            var expected = Mac(secret, timestamp, body);
            foreach (var signature in signatures)
                matched |= CryptographicOperations.FixedTimeEquals(expected, signature);
        }

        return matched ? SignatureCheck.Valid : SignatureCheck.Mismatch;
    }

    private static byte[] Mac(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var payload = new byte[prefix.Length + body.Length];
        prefix.CopyTo(payload, 0);
        body.CopyTo(payload.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), payload);
    }

    /// <summary>One <c>t</c> (digits only) and at least one well-formed <c>v1</c>; other schemes are ignored, as providers add them.</summary>
    private static bool TryParse(string header, out long timestamp, out List<byte[]> signatures)
    {
        timestamp = 0;
        signatures = [];
        var timestamps = 0;
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
                return false;
            var key = part[..equals];
            var value = part[(equals + 1)..];
            if (key == "t")
            {
                timestamps++;
                if (value.Length is 0 or > 12 || !value.All(char.IsAsciiDigit)
                    || !long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out timestamp))
                    return false;
            }
            else if (key == SchemeV1)
            {
                if (value.Length != 64 || !value.All(char.IsAsciiHexDigit))
                    return false;
                signatures.Add(Convert.FromHexString(value));
            }
        }

        return timestamps == 1 && signatures.Count > 0;
    }
}
