using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EVisa.Core.Payments;
using EVisa.Core.Rules;
using EVisa.Core.Storage;
using EVisa.Core.Visas;
using Microsoft.Extensions.Logging;

namespace EVisa.Core.Workflow;

/// <param name="IssuedAt">Orchestration time, so a replayed or retried issue prints the same date.</param>
public sealed record IssueVisaInput(string ApplicationId, string ApplicantId, string InvitationId, DraftVisa Draft, DateTimeOffset IssuedAt);

/// <summary>The issued visa's number, or why it could not be issued.</summary>
public sealed record VisaIssue(string? VisaNumber, RuleViolation? Refusal);

/// <summary>
/// The pipeline's issue step: consume the invitation (R2), allocate the visa number, then have the
/// <see cref="VisaIssuer"/> render, seal and store the visa (R11). Idempotent throughout: the number is drawn from
/// the application id and claimed by a conditional insert, so a retried activity lands on the same number, and the
/// issuer stores each visa and its PDF once.
/// </summary>
public sealed class VisaIssuing(VisaStore visas, InvitationStore invitations, VisaIssuer issuer,
    PaymentRequestStore payments, PaymentReviewStore reviews, ILogger<VisaIssuing> logger)
{
    public const string ActivityName = "IssueVisa";
    private const int NumberAttempts = 20;

    public async Task<VisaIssue> IssueAsync(IssueVisaInput input, CancellationToken cancellationToken)
    {
        var invitation = await invitations.GetAsync(input.InvitationId, cancellationToken)
            ?? throw new InvalidOperationException($"Invitation {input.InvitationId} of application {input.ApplicationId} is gone.");
        // R2: one visa per invitation. Marking is conditional and idempotent for this application.
        if (!await invitations.MarkUsedAsync(input.InvitationId, input.ApplicationId, cancellationToken))
        {
            logger.LogWarning("Application {ApplicationId}: its invitation was used by another application", input.ApplicationId);
            await QueuePaidFeeForReviewAsync(input, cancellationToken);
            return new VisaIssue(null, new RuleViolation(InvitationReasons.Used, "The invitation was already used for a visa.", "R2", "invitationNumber"));
        }

        var number = await AllocateNumberAsync(input.ApplicationId, cancellationToken);
        var draft = input.Draft;
        if (!SexLetters.TryParse(draft.Sex, out var sex) || !ApiNames.TryParse<VisaCategory>(draft.Category, out var category))
            throw new InvalidOperationException($"Application {input.ApplicationId} has a draft visa the rules did not make.");
        var issued = await issuer.IssueAsync(new VisaIssueRequest(
            input.ApplicationId, input.ApplicantId, invitation.InviterId, draft.InvitationNumber, draft.PassportNumber,
            draft.Surname, draft.GivenNames, draft.Nationality, draft.DateOfBirth, sex, category, draft.ValidFrom,
            draft.ValidUntil, number, input.IssuedAt), cancellationToken);
        logger.LogInformation("Application {ApplicationId}: visa {VisaNumber} issued", input.ApplicationId, issued.VisaNumber);
        return new VisaIssue(issued.VisaNumber, null);
    }

    /// <summary>
    /// R8: the fee was paid and is not refundable, yet no visa will follow; an officer must see it. Keyed by the
    /// paying event, so a retried activity queues it once.
    /// </summary>
    private async Task QueuePaidFeeForReviewAsync(IssueVisaInput input, CancellationToken cancellationToken)
    {
        if (await payments.GetByApplicationAsync(input.ApplicationId, cancellationToken) is not { PaidByEventId: { } eventId } paid)
            return;
        await reviews.AddAsync(new PaymentReview(eventId, paid.Request.PaymentReference, input.ApplicationId, paid.Request.AmountMinor,
            paid.Request.Currency, PaymentReviewReasons.RefusedAfterPayment, input.IssuedAt, input.IssuedAt), cancellationToken);
    }

    /// <summary>A unique 10-digit number: candidates derived from the application id, each claimed conditionally.</summary>
    private async Task<string> AllocateNumberAsync(string applicationId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < NumberAttempts; attempt++)
        {
            var number = Candidate(applicationId, attempt);
            if (await visas.ClaimNumberAsync(number, applicationId, cancellationToken))
                return number;
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
}
