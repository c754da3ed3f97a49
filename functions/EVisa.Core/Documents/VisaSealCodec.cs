using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using EVisa.Core.Rules;

namespace EVisa.Core.Documents;

/// <summary>
/// The seal's text format, version 1, in the spirit of an ICAO 9303 Part 13 visible digital seal:
/// <code>EV1.{kid}.{base64url(payload)}.{base64url(signature)}</code>
/// The payload is UTF-8: the fields of <see cref="VisaSealData"/> in a fixed order, separated by U+001F
/// (unit separator): visa number, passport number, surname, given names, nationality, date of birth
/// (yyyyMMdd), sex, category (API name), valid from, valid until (yyyyMMdd), entries, invitation number.
/// The signature is ECDSA P-256 with SHA-256 in IEEE P1363 form (r‖s, 64 bytes) over the ASCII bytes of
/// <c>EV1.{kid}.{base64url(payload)}</c>, so the version and the key id are signed too. The text is
/// plain ASCII, so it fits a QR code in byte mode and a URL unchanged.
/// </summary>
internal static partial class VisaSealCodec
{
    public const string Header = "EV1";
    public const int SignatureLength = 64;
    private const char Separator = '\u001F';
    private const int FieldCount = 12;
    private const string DateFormat = "yyyyMMdd";
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>A key id: 1 to 64 of <c>A-Z a-z 0-9 _ -</c>, so it never contains the separator dot.</summary>
    public static bool IsValidKeyId(string? keyId) => keyId is not null && KeyIdPattern().IsMatch(keyId);

    public static string SigningInput(string keyId, VisaSealData data)
    {
        if (!IsValidKeyId(keyId))
            throw new ArgumentException("A key id is 1 to 64 of A-Z a-z 0-9 _ -.", nameof(keyId));
        return $"{Header}.{keyId}.{Base64Url.EncodeToString(EncodePayload(data))}";
    }

    public static string Assemble(string signingInput, ReadOnlySpan<byte> signature) =>
        $"{signingInput}.{Base64Url.EncodeToString(signature)}";

    /// <summary>Splits a seal text into its signed part, key id, encoded payload and signature; false when malformed.</summary>
    public static bool TrySplit(string? seal, out string signingInput, out string keyId, out string payload, out byte[] signature)
    {
        signingInput = keyId = payload = string.Empty;
        signature = [];
        if (string.IsNullOrEmpty(seal) || seal.Length > 4096)
            return false;
        var parts = seal.Split('.');
        if (parts.Length != 4 || parts[0] != Header || !IsValidKeyId(parts[1]) || parts[2].Length == 0)
            return false;
        // Only the canonical encoding: a changed final character that decodes to the same bytes is still a change.
        if (!TryDecode(parts[3], out signature) || signature.Length != SignatureLength
            || Base64Url.EncodeToString(signature) != parts[3])
        {
            return false;
        }

        keyId = parts[1];
        payload = parts[2];
        signingInput = seal[..seal.LastIndexOf('.')];
        return true;
    }

    public static byte[] EncodePayload(VisaSealData data)
    {
        string[] fields =
        [
            data.VisaNumber,
            data.PassportNumber,
            data.Surname,
            data.GivenNames,
            data.Nationality,
            Format(data.DateOfBirth),
            data.Sex.ToString(),
            data.Category.ToApiName(),
            Format(data.ValidFrom),
            Format(data.ValidUntil),
            data.Entries.ToString(CultureInfo.InvariantCulture),
            data.InvitationNumber,
        ];
        foreach (var field in fields)
        {
            if (field is null || field.Any(char.IsControl))
                throw new ArgumentException("A seal field is missing or contains a control character.", nameof(data));
        }

        return StrictUtf8.GetBytes(string.Join(Separator, fields));
    }

    public static bool TryDecodePayload(string encoded, out VisaSealData? data)
    {
        data = null;
        if (!TryDecode(encoded, out var bytes))
            return false;
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        var f = text.Split(Separator);
        if (f.Length != FieldCount
            || !TryParseDate(f[5], out var birth)
            || f[6] is not ("M" or "F" or "X")
            || !ApiNames.TryParse<VisaCategory>(f[7], out var category)
            || !TryParseDate(f[8], out var from)
            || !TryParseDate(f[9], out var until)
            || !int.TryParse(f[10], NumberStyles.None, CultureInfo.InvariantCulture, out var entries))
        {
            return false;
        }

        data = new VisaSealData(f[0], f[1], f[2], f[3], f[4], birth, f[6][0], category, from, until, entries, f[11]);
        return true;
    }

    private static bool TryDecode(string text, out byte[] bytes)
    {
        bytes = [];
        if (!Base64Url.IsValid(text))
            return false;
        try
        {
            bytes = Base64Url.DecodeFromChars(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static string Format(DateOnly date) => date.ToString(DateFormat, CultureInfo.InvariantCulture);

    private static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex KeyIdPattern();
}
