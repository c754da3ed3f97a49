using System.Collections.Concurrent;
using Azure.Data.Tables;

namespace EVisa.Core.Storage;

/// <summary>
/// The product's tables in one storage account. Each table is created once per process, on first use, so a
/// fresh Azurite or a new environment needs no setup step; a first use while storage is away is tried again later.
/// </summary>
public sealed class StorageTables(TableServiceClient service)
{
    public const string Applications = "Applications";
    public const string TimerRuns = "TimerRuns";

    /// <summary>Applications by status (PartitionKey = status, RowKey = application id), for officers' paged lists.</summary>
    public const string ApplicationsByStatus = "ApplicationsByStatus";

    /// <summary>One open application per passport and category (PartitionKey = passport key, RowKey = category).</summary>
    public const string OpenApplications = "OpenApplications";

    /// <summary>Submissions by Idempotency-Key (PartitionKey = applicant hash, RowKey = key hash).</summary>
    public const string IdempotencyKeys = "IdempotencyKeys";

    public const string Invitations = "Invitations";

    /// <summary>
    /// Each inviting party's invitations, newest first (PartitionKey = inviter key, RowKey = inverted registration ticks
    /// + invitation id), so "my invitations" is one partition read, never a scan.
    /// </summary>
    public const string InvitationsByInviter = "InvitationsByInviter";

    /// <summary>Invitations awaiting a decision, oldest first (PartitionKey <c>pending</c>, RowKey = registration ticks + id).</summary>
    public const string PendingInvitations = "PendingInvitations";

    /// <summary>Approved invitation numbers (PartitionKey = number), whose conditional insert makes them unique (R2).</summary>
    public const string InvitationNumbers = "InvitationNumbers";

    /// <summary>Notifications to send (PartitionKey = application id, RowKey = template id).</summary>
    public const string Outbox = "Outbox";

    private readonly ConcurrentDictionary<string, CreatedOnce<TableClient>> _tables = new();

    public Task<TableClient> GetAsync(string name) =>
        _tables.GetOrAdd(name, n => new CreatedOnce<TableClient>(() => CreateAsync(n))).GetAsync();

    private async Task<TableClient> CreateAsync(string name)
    {
        var table = service.GetTableClient(name);
        await table.CreateIfNotExistsAsync();
        return table;
    }
}
