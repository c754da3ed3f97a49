using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using EVisa.Core.Notifications;
using EVisa.Core.Rules;
using Microsoft.Extensions.Logging;

namespace EVisa.Core.Storage;

/// <summary>
/// Invitations in the <c>Invitations</c> table (PartitionKey = invitation id), and approved numbers in
/// <c>InvitationNumbers</c> (PartitionKey = number), whose conditional insert is what makes a number unique (R2).
/// </summary>
public sealed class InvitationStore(StorageTables tables, OutboxStore outbox, ILogger<InvitationStore> logger)
{
    private const int NumberAttempts = 20;
    private const string PendingPartition = "pending";
    private const int MaxIndexPagesPerPage = 5;

    /// <summary>
    /// Registers the invitation and its rows in the two indexes (the inviter's list, the pending queue). The index rows
    /// go first: a crash between leaves an index row pointing at nothing, which the lists skip, never an invitation that
    /// no list shows.
    /// </summary>
    public async Task CreateAsync(Invitation invitation, CancellationToken cancellationToken)
    {
        var byInviter = await tables.GetAsync(StorageTables.InvitationsByInviter);
        var pending = await tables.GetAsync(StorageTables.PendingInvitations);
        var pointer = new Dictionary<string, object> { ["InvitationId"] = invitation.InvitationId };
        await Task.WhenAll(
            byInviter.UpsertEntityAsync(new TableEntity(pointer) { PartitionKey = InviterKey(invitation.InviterId), RowKey = NewestFirstKey(invitation) },
                TableUpdateMode.Replace, cancellationToken),
            pending.UpsertEntityAsync(new TableEntity(pointer) { PartitionKey = PendingPartition, RowKey = OldestFirstKey(invitation) },
                TableUpdateMode.Replace, cancellationToken));
        var table = await tables.GetAsync(StorageTables.Invitations);
        await table.AddEntityAsync(ToEntity(invitation), cancellationToken);
        logger.LogInformation("Invitation {InvitationId} registered", invitation.InvitationId);
    }

    /// <summary>One page of an inviting party's own invitations, newest first, from its partition of the index.</summary>
    public Task<(IReadOnlyList<Invitation> Items, string? ContinuationToken)> ListByInviterAsync(string inviterId, int pageSize,
        string? continuationToken, CancellationToken cancellationToken) =>
        ListAsync(StorageTables.InvitationsByInviter, InviterKey(inviterId), pageSize, continuationToken,
            found => Task.FromResult(found.Where(i => i.InviterId == inviterId)), cancellationToken);

    /// <summary>
    /// One page of the invitations awaiting a decision, oldest first. A row whose invitation was decided (a crash
    /// between the decision and the removal of its row) is removed here and skipped; a row whose invitation is not
    /// there yet (a registration in flight) is skipped.
    /// </summary>
    public Task<(IReadOnlyList<Invitation> Items, string? ContinuationToken)> ListPendingAsync(int pageSize, string? continuationToken,
        CancellationToken cancellationToken) =>
        ListAsync(StorageTables.PendingInvitations, PendingPartition, pageSize, continuationToken, async found =>
        {
            await Task.WhenAll(found.Where(i => i.Status != InvitationStatus.Pending).Select(i => RemovePendingAsync(i, cancellationToken)));
            return found.Where(i => i.Status == InvitationStatus.Pending);
        }, cancellationToken);

    /// <summary>
    /// One page of an index's invitations that <paramref name="keep"/> lists. A page of index rows can hold only rows the
    /// list skips (leftovers of decisions, registrations in flight), and an empty page would read as the list's end
    /// to a person paging it; so the next table pages are read too, a few at most, until one gives an invitation.
    /// </summary>
    private async Task<(IReadOnlyList<Invitation> Items, string? ContinuationToken)> ListAsync(string tableName, string partition,
        int pageSize, string? continuationToken, Func<IReadOnlyList<Invitation>, Task<IEnumerable<Invitation>>> keep,
        CancellationToken cancellationToken)
    {
        for (var read = 1; ; read++)
        {
            var (rows, next) = await PageAsync(tableName, partition, pageSize, continuationToken, cancellationToken);
            var found = await Task.WhenAll(rows.Select(r => GetAsync(r.GetString("InvitationId"), cancellationToken)));
            var items = (await keep([.. found.OfType<Invitation>()])).ToList();
            if (items.Count > 0 || next is null || read == MaxIndexPagesPerPage)
                return (items, next);
            continuationToken = next;
        }
    }

    private async Task<(IReadOnlyList<TableEntity> Rows, string? ContinuationToken)> PageAsync(string tableName, string partition, int pageSize,
        string? continuationToken, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(tableName);
        await foreach (var page in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"),
            maxPerPage: pageSize, cancellationToken: cancellationToken).AsPages(continuationToken, pageSize))
        {
            return (page.Values, page.ContinuationToken);
        }

        return ([], null);
    }

    /// <summary>Removes the invitation from the pending queue; idempotent (an absent row is what it wants).</summary>
    private async Task RemovePendingAsync(Invitation invitation, CancellationToken cancellationToken)
    {
        var pending = await tables.GetAsync(StorageTables.PendingInvitations);
        try
        {
            await pending.DeleteEntityAsync(PendingPartition, OldestFirstKey(invitation), ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.NotFound)
        {
        }
    }

    /// <summary>
    /// The inviter's subject is the partition when it can be a key (ours and Entra's are), else its SHA-256 in hex: a
    /// subject is whatever the token issuer chose, and some characters cannot be part of a key.
    /// </summary>
    private static string InviterKey(string inviterId) =>
        TableKeys.IsValid(inviterId) ? inviterId : "sha256-" + Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(inviterId)));

    private static string NewestFirstKey(Invitation i) =>
        (DateTimeOffset.MaxValue.UtcTicks - i.RegisteredAt.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "-" + i.InvitationId;

    private static string OldestFirstKey(Invitation i) =>
        i.RegisteredAt.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "-" + i.InvitationId;

    public async Task<Invitation?> GetAsync(string invitationId, CancellationToken cancellationToken)
    {
        var found = await GetEntityAsync(invitationId, cancellationToken);
        return found is null ? null : FromEntity(found);
    }

    public async Task<Invitation?> FindByNumberAsync(string invitationNumber, CancellationToken cancellationToken)
    {
        if (invitationNumber.Length != 10 || !invitationNumber.All(char.IsAsciiDigit))
            return null;
        var numbers = await tables.GetAsync(StorageTables.InvitationNumbers);
        var found = await numbers.GetEntityIfExistsAsync<TableEntity>(invitationNumber, "", cancellationToken: cancellationToken);
        return found.HasValue ? await GetAsync(found.Value!.GetString("InvitationId"), cancellationToken) : null;
    }

    /// <summary>
    /// R2: approves with a fresh 10-digit number, or refuses with a reason. Only a pending invitation can be
    /// decided; the update is conditional on the read, so two officers deciding at once cannot both win.
    /// </summary>
    public async Task<(InvitationDecisionOutcome Outcome, Invitation? Invitation)> DecideAsync(
        string invitationId, bool approve, string? refusalReason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var entity = await GetEntityAsync(invitationId, cancellationToken);
        if (entity is null)
            return (InvitationDecisionOutcome.NotFound, null);
        var invitation = FromEntity(entity);
        if (invitation.Status != InvitationStatus.Pending)
        {
            await RemovePendingAsync(invitation, cancellationToken); // a crash after an earlier decision may have left it
            return (InvitationDecisionOutcome.AlreadyDecided, invitation);
        }

        // The inviting party's notice, before the decision: a crash between cannot lose it, and the sender sends it only
        // if the invitation then says this decision (another officer's may have won).
        var notice = NoticeTemplateIds.ForDecision(approve);
        await outbox.TryAddAsync(invitationId, notice, invitation.ContactEmail ?? "", notice, new { invitationId }, cancellationToken);
        var number = approve ? await AllocateNumberAsync(invitationId, cancellationToken) : null;
        var decided = invitation with
        {
            Status = approve ? InvitationStatus.Approved : InvitationStatus.Refused,
            InvitationNumber = number,
            RefusalReason = approve ? null : refusalReason,
            DecidedAt = at,
        };
        var table = await tables.GetAsync(StorageTables.Invitations);
        try
        {
            await table.UpdateEntityAsync(ToEntity(decided), entity.ETag, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.PreconditionFailed)
        {
            // Another decision won; give its number back so it is not held by nothing.
            if (number is not null)
                await (await tables.GetAsync(StorageTables.InvitationNumbers)).DeleteEntityAsync(number, "", cancellationToken: cancellationToken);
            return (InvitationDecisionOutcome.AlreadyDecided, await GetAsync(invitationId, cancellationToken));
        }

        await RemovePendingAsync(decided, cancellationToken);
        logger.LogInformation("Invitation {InvitationId} {Decision}", invitationId, decided.Status);
        return (InvitationDecisionOutcome.Decided, decided);
    }

    /// <summary>
    /// Marks the invitation used by one application (R2: one visa per invitation). Idempotent for the same
    /// application; false when another application already used it.
    /// </summary>
    public async Task<bool> MarkUsedAsync(string invitationId, string applicationId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Invitations);
        while (true)
        {
            var entity = await GetEntityAsync(invitationId, cancellationToken)
                ?? throw new InvalidOperationException($"Invitation {invitationId} is gone.");
            var usedBy = entity.GetString("UsedByApplicationId");
            if (!string.IsNullOrEmpty(usedBy))
                return usedBy == applicationId;
            entity["UsedByApplicationId"] = applicationId;
            try
            {
                await table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Merge, cancellationToken);
                return true;
            }
            catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.PreconditionFailed)
            {
                // Changed under us: read again and decide on what is there now.
            }
        }
    }

    private async Task<string> AllocateNumberAsync(string invitationId, CancellationToken cancellationToken)
    {
        var numbers = await tables.GetAsync(StorageTables.InvitationNumbers);
        for (var attempt = 0; attempt < NumberAttempts; attempt++)
        {
            // Random rather than sequential, so a number reveals nothing about the others and cannot be guessed.
            var number = RandomNumberGenerator.GetInt32(1, 10).ToString(CultureInfo.InvariantCulture)
                + RandomNumberGenerator.GetInt32(0, 1_000_000_000).ToString("D9", CultureInfo.InvariantCulture);
            try
            {
                await numbers.AddEntityAsync(new TableEntity(number, "") { ["InvitationId"] = invitationId }, cancellationToken);
                return number;
            }
            catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.Conflict)
            {
                logger.LogInformation("Invitation number collision for {InvitationId}; drawing again", invitationId);
            }
        }

        throw new InvalidOperationException($"No free invitation number after {NumberAttempts} draws.");
    }

    private async Task<TableEntity?> GetEntityAsync(string invitationId, CancellationToken cancellationToken)
    {
        if (!TableKeys.IsValid(invitationId))
            return null;
        var table = await tables.GetAsync(StorageTables.Invitations);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(invitationId, "", cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    private static TableEntity ToEntity(Invitation i) => new(i.InvitationId, "")
    {
        ["InviterId"] = i.InviterId,
        ["Category"] = i.Category.ToApiName(),
        ["Surname"] = i.Guest.Surname,
        ["GivenNames"] = i.Guest.GivenNames,
        ["DateOfBirth"] = TableKeys.Date(i.Guest.DateOfBirth),
        ["Sex"] = i.Guest.Sex.ToString(),
        ["Nationality"] = i.Guest.Nationality,
        ["PassportNumber"] = i.Guest.PassportNumber,
        ["IntendedEntry"] = TableKeys.Date(i.IntendedEntry),
        ["IntendedExit"] = TableKeys.Date(i.IntendedExit),
        ["Purpose"] = i.Purpose,
        ["Status"] = i.Status.ToString(),
        ["RegisteredAt"] = i.RegisteredAt,
        ["InvitationNumber"] = i.InvitationNumber,
        ["RefusalReason"] = i.RefusalReason,
        ["DecidedAt"] = i.DecidedAt,
        ["UsedByApplicationId"] = i.UsedByApplicationId,
        ["ContactEmail"] = i.ContactEmail,
        ["Language"] = i.Language.ToApiName(),
    };

    private static Invitation FromEntity(TableEntity e)
    {
        // Only the store writes the row, with a known category; reading does not fail on one edited by hand.
        _ = ApiNames.TryParse<VisaCategory>(e.GetString("Category"), out var category);
        return new Invitation(
            e.PartitionKey,
            e.GetString("InviterId"),
            category,
            new InvitationGuest(e.GetString("Surname"), e.GetString("GivenNames"), TableKeys.ParseDate(e.GetString("DateOfBirth")),
                Enum.Parse<Sex>(e.GetString("Sex")), e.GetString("Nationality"), e.GetString("PassportNumber")),
            TableKeys.ParseDate(e.GetString("IntendedEntry")),
            TableKeys.ParseDate(e.GetString("IntendedExit")),
            e.GetString("Purpose"),
            Enum.Parse<InvitationStatus>(e.GetString("Status")),
            e.GetDateTimeOffset("RegisteredAt")!.Value,
            e.GetString("InvitationNumber"),
            e.GetString("RefusalReason"),
            e.GetDateTimeOffset("DecidedAt"),
            e.GetString("UsedByApplicationId"),
            e.GetString("ContactEmail"),
            ApiNames.TryParse<NoticeLanguage>(e.GetString("Language"), out var language) ? language : NoticeLanguage.En);
    }
}
