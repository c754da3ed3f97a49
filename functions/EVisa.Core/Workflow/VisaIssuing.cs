using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using EVisa.Core.Rules;
using EVisa.Core.Storage;
using Microsoft.Extensions.Logging;

namespace EVisa.Core.Workflow;

public sealed record IssueVisaInput(string ApplicationId, string InvitationId, DraftVisa Draft);

/// <summary>The issued visa's number and final MRV-A lines, or why it could not be issued.</summary>
public sealed record VisaIssue(string? VisaNumber, IReadOnlyList<string>? Mrz, RuleViolation? Refusal);

/// <summary>
/// The pipeline's issue step: consume the invitation (R2), allocate the visa number, record the visa. Idempotent:
/// the visa number is drawn from the application id, so a retried activity lands on the same row rather than
/// making a second visa. The visa PDF plugs in here as a further idempotent step (a blob named by visa number).
/// </summary>
public sealed class VisaIssuing(StorageTables tables, InvitationStore invitations, PassportKeys passportKeys, TimeProvider clock,
    ILogger<VisaIssuing> logger)
{
    public const string ActivityName = "IssueVisa";
    private const int NumberAttempts = 20;

    public async Task<VisaIssue> IssueAsync(IssueVisaInput input, CancellationToken cancellationToken)
    {
        // R2: one visa per invitation. Marking is conditional and idempotent for this application.
        if (!await invitations.MarkUsedAsync(input.InvitationId, input.ApplicationId, cancellationToken))
        {
            logger.LogWarning("Application {ApplicationId}: its invitation was used by another application", input.ApplicationId);
            return new VisaIssue(null, null, new RuleViolation(InvitationReasons.Used, "The invitation was already used for a visa.", "R2", "invitationNumber"));
        }

        var visas = await tables.GetAsync(StorageTables.Visas);
        var draft = input.Draft;
        for (var attempt = 0; attempt < NumberAttempts; attempt++)
        {
            var number = Candidate(input.ApplicationId, attempt);
            var entity = new TableEntity(number, "")
            {
                ["ApplicationId"] = input.ApplicationId,
                ["InvitationId"] = input.InvitationId,
                ["InvitationNumber"] = draft.InvitationNumber,
                ["Category"] = draft.Category,
                ["Entries"] = draft.Entries,
                ["ValidFrom"] = TableKeys.Date(draft.ValidFrom),
                ["ValidUntil"] = TableKeys.Date(draft.ValidUntil),
                // R7: the visa is bound to one passport; the key is enough to check a presented number.
                ["PassportKey"] = passportKeys.For(draft.PassportNumber),
                ["IssuedAt"] = clock.GetUtcNow(),
            };
            try
            {
                await visas.AddEntityAsync(entity, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.Conflict)
            {
                var existing = await visas.GetEntityAsync<TableEntity>(number, "", cancellationToken: cancellationToken);
                if (existing.Value.GetString("ApplicationId") != input.ApplicationId)
                    continue;
            }

            logger.LogInformation("Application {ApplicationId}: visa {VisaNumber} issued", input.ApplicationId, number);
            return new VisaIssue(number, Mrz(draft, number), null);
        }

        throw new InvalidOperationException($"No free visa number after {NumberAttempts} candidates.");
    }

    /// <summary>A 10-digit number derived from the application id and the attempt, so a retry finds its own.</summary>
    private static string Candidate(string applicationId, int attempt)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{applicationId}:{attempt}"));
        var value = BitConverter.ToUInt64(hash, 0) % 9_000_000_000UL + 1_000_000_000UL;
        return value.ToString(CultureInfo.InvariantCulture);
    }

    private static IReadOnlyList<string> Mrz(DraftVisa draft, string visaNumber)
    {
        SexLetters.TryParse(draft.Sex, out var sex);
        var lines = MrvA.Write(new MrvAData(draft.PassportNumber, draft.Surname, draft.GivenNames, draft.Nationality,
            draft.DateOfBirth, sex, draft.ValidUntil, visaNumber));
        return [lines.Line1, lines.Line2];
    }
}
