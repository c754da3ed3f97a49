using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using EVisa.Core.Rules;
using EVisa.Core.Storage;
using Microsoft.Extensions.Options;

namespace EVisa.Core.Lookup;

/// <summary>
/// What "find my application" checks: per application, a keyed hash (HMAC-SHA256 under the privacy salt) of the
/// passport number and date of birth it was submitted with, in table <c>ApplicationLookups</c> (PartitionKey =
/// application id). No passport number or birth date is stored, and the comparison takes the same work and time
/// whether the application exists or not and wherever the details differ.
/// </summary>
public sealed class LookupKeys(StorageTables tables, IOptions<PrivacyOptions> privacy)
{
    public const string Table = "ApplicationLookups";

    private readonly byte[] _salt = Encoding.UTF8.GetBytes(privacy.Value.PassportKeySalt);

    /// <summary>Stands in for the stored key of an application that does not exist, so the comparison still runs.</summary>
    private static readonly byte[] Absent = new byte[32];

    /// <summary>Records the application's key (an upsert: a repeated submission writes the same value).</summary>
    public async Task RecordAsync(string applicationId, PassportNumber passportNumber, DateOnly dateOfBirth, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Table);
        await table.UpsertEntityAsync(new TableEntity(applicationId, "") { ["Key"] = KeyFor(passportNumber, dateOfBirth) },
            TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Whether the details are the application's; false alike for no such application and for other details.</summary>
    public async Task<bool> MatchesAsync(string applicationId, PassportNumber passportNumber, DateOnly dateOfBirth, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Table);
        // A number that cannot be a key reads a row that cannot exist, so the work stays the same.
        var found = await table.GetEntityIfExistsAsync<TableEntity>(TableKeys.IsValid(applicationId) ? applicationId : "absent", "",
            cancellationToken: cancellationToken);
        var stored = found.HasValue && found.Value!.GetBinary("Key") is { Length: 32 } key ? key : Absent;
        var given = KeyFor(passportNumber, dateOfBirth);
        return CryptographicOperations.FixedTimeEquals(stored, given) && found.HasValue;
    }

    /// <summary>An application number as issued: 32 lower-case hex digits; people may type it with capitals, spaces or hyphens.</summary>
    public static string NormaliseApplicationNumber(string number) =>
        new(number.Where(char.IsAsciiLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    private byte[] KeyFor(PassportNumber passportNumber, DateOnly dateOfBirth) =>
        HMACSHA256.HashData(_salt, Encoding.UTF8.GetBytes($"lookup\n{passportNumber.Value}\n{TableKeys.Date(dateOfBirth)}"));
}
