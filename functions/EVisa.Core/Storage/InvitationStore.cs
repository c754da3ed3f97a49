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

    public async Task CreateAsync(Invitation invitation, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Invitations);
        await table.AddEntityAsync(ToEntity(invitation), cancellationToken);
        logger.LogInformation("Invitation {InvitationId} registered", invitation.InvitationId);
    }

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
            return (InvitationDecisionOutcome.AlreadyDecided, invitation);

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
        ApiNames.TryParse<VisaCategory>(e.GetString("Category"), out var category);
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
