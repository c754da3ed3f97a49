using System.Net;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using EVisa.Core.Storage;
using Microsoft.Extensions.Options;

namespace EVisa.Core.Lookup;

/// <summary>
/// Failed "find my application" attempts, counted per client and per application number in table
/// <c>LookupAttempts</c> (PartitionKey <c>client</c> or <c>application</c>, RowKey an HMAC of the address or the number
/// under the privacy salt: no personal data in keys), so that every instance of the service agrees. A count lives for
/// <see cref="LookupOptions.Window"/> from its first failure; each failure is one conditional update (ETag), so
/// concurrent failures are all counted.
/// </summary>
public sealed class LookupAttempts(StorageTables tables, IOptions<LookupOptions> options, IOptions<PrivacyOptions> privacy, TimeProvider clock)
{
    public const string Table = "LookupAttempts";

    private readonly byte[] _salt = Encoding.UTF8.GetBytes(privacy.Value.PassportKeySalt);

    /// <summary>The two counters one attempt is judged by.</summary>
    public IReadOnlyList<(string Partition, string Row)> CountersFor(string clientAddress, string applicationNumber) =>
    [
        ("client", Hash("client", clientAddress)),
        ("application", Hash("application", applicationNumber)),
    ];

    /// <summary>How long until another attempt is allowed, or null when one is allowed now.</summary>
    public async Task<TimeSpan?> BlockedForAsync(IReadOnlyList<(string Partition, string Row)> counters, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Table);
        var limit = options.Value;
        var now = clock.GetUtcNow();
        TimeSpan? blocked = null;
        foreach (var (partition, row) in counters)
        {
            var found = await table.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken);
            if (!found.HasValue)
                continue;
            var (since, failures) = Read(found.Value!);
            var left = since + limit.Window - now;
            if (failures >= limit.MaxFailures && left > TimeSpan.Zero && (blocked is null || left > blocked))
                blocked = left;
        }

        return blocked;
    }

    public async Task RecordFailureAsync(IReadOnlyList<(string Partition, string Row)> counters, CancellationToken cancellationToken)
    {
        foreach (var (partition, row) in counters)
            await CountAsync(partition, row, cancellationToken);
    }

    private async Task CountAsync(string partition, string row, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Table);
        while (true)
        {
            var now = clock.GetUtcNow();
            var found = await table.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken);
            try
            {
                if (!found.HasValue)
                {
                    await table.AddEntityAsync(Counter(partition, row, now, 1), cancellationToken);
                    return;
                }

                var (since, failures) = Read(found.Value!);
                var next = since + options.Value.Window <= now ? Counter(partition, row, now, 1) : Counter(partition, row, since, failures + 1);
                await table.UpdateEntityAsync(next, found.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                return;
            }
            catch (RequestFailedException e) when (e.Status is (int)HttpStatusCode.Conflict or (int)HttpStatusCode.PreconditionFailed)
            {
                // Another failure was counted at the same moment: read again and count this one on top.
            }
        }
    }

    private static TableEntity Counter(string partition, string row, DateTimeOffset since, int failures) =>
        new(partition, row) { ["Since"] = since, ["Failures"] = failures };

    private static (DateTimeOffset Since, int Failures) Read(TableEntity entity) =>
        (entity.GetDateTimeOffset("Since") ?? DateTimeOffset.MinValue, entity.GetInt32("Failures") ?? 0);

    private string Hash(string kind, string value) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_salt, Encoding.UTF8.GetBytes($"{kind}\n{value}")));
}
