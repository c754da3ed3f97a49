using System.Security.Cryptography;
using System.Text;
using EVisa.Core.Rules;
using Microsoft.Extensions.Options;

namespace EVisa.Core.Storage;

/// <summary>Personal-data settings, from the "Privacy" section.</summary>
public sealed class PrivacyOptions
{
    public const string SectionName = "Privacy";

    /// <summary>
    /// The salt of passport keys. The default serves development only; each environment sets its own secret, so
    /// an index row cannot be matched to a passport number without it.
    /// </summary>
    public string PassportKeySalt { get; set; } = "evisa-development-salt";
}

/// <summary>
/// Passport numbers as index keys: HMAC-SHA256 of the normalised number under a configured salt, in hex. Indexes
/// need equality only, so they never hold the number itself.
/// </summary>
public sealed class PassportKeys(IOptions<PrivacyOptions> options)
{
    private readonly byte[] _salt = Encoding.UTF8.GetBytes(options.Value.PassportKeySalt);

    public string For(PassportNumber passportNumber) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_salt, Encoding.UTF8.GetBytes(passportNumber.Value)));

    /// <summary>Any text as a table key: table keys may not hold '/', '\', '#', '?' or control characters.</summary>
    public static string Opaque(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
