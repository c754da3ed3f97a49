using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using EVisa.Core.Documents;
using EVisa.Core.Payments;
using EVisa.Core.Rules;
using EVisa.Core.Storage;
using EVisa.Core.Workflow;
using Microsoft.Extensions.Logging;

namespace EVisa.Core.Visas;

/// <summary>The credited application whose visa <see cref="VisaIssuer.IssueForApplicationAsync"/> issues.</summary>
/// <param name="IssuedAt">Orchestration time, so a replayed or retried issue prints the same date.</param>
public sealed record IssueVisaInput(string ApplicationId, string ApplicantId, string InvitationId, DraftVisa Draft, DateTimeOffset IssuedAt);

/// <summary>The issued visa's number, or why it could not be issued.</summary>
public sealed record VisaIssue(string? VisaNumber, RuleViolation? Refusal);

/// <summary>
/// The data of an approved, paid application that <see cref="VisaIssuer"/> turns into a visa, its number allocated
/// already (<see cref="VisaIssuer.IssueForApplicationAsync"/> draws it from the application id, so a retry asks for the
/// same visa), with orchestration time as <paramref name="IssuedAt"/>, so a retry prints the same issue date.
/// </summary>
/// <param name="ApplicationId">The application the visa is issued on; one visa per application (R6).</param>
/// <param name="ApplicantId">The applicant's subject: the only applicant who may download the PDF.</param>
/// <param name="InviterId">The inviting party's subject: the only one who may file the arrival notice (R13).</param>
/// <param name="InvitationNumber">R2: the 10-digit number of the approved invitation.</param>
/// <param name="PassportNumber">R7, R10: the visa is bound to this passport.</param>
/// <param name="VisaNumber">Pre-allocated: 1 to 16 letters or digits (it goes into the MRZ's optional data).</param>
/// <param name="IssuedAt">When the visa is issued; null takes the clock (only for callers that never retry).</param>
public sealed record VisaIssueRequest(
    string ApplicationId,
    string ApplicantId,
    string InviterId,
    string InvitationNumber,
    string PassportNumber,
    string Surname,
    string GivenNames,
    string Nationality,
    DateOnly DateOfBirth,
    Sex Sex,
    VisaCategory Category,
    DateOnly ValidFrom,
    DateOnly ValidUntil,
    string VisaNumber,
    DateTimeOffset? IssuedAt = null);

/// <summary>What the application's status shows once its visa exists.</summary>
/// <param name="VisaNumber">The visa's number; when the application already had a visa, that one's.</param>
/// <param name="BlobName">The PDF's name in the <c>visas</c> container.</param>
/// <param name="IssueDate">The issue date printed on the visa (Kazakhstan date).</param>
public sealed record VisaIssueResult(string VisaNumber, string BlobName, DateOnly IssueDate);

/// <summary>
/// Issues visas (DESIGN.md, pipeline step 5). <see cref="IssueForApplicationAsync"/> is the pipeline's issue step for a
/// credited application: consume its invitation (R2), allocate its visa number, then <see cref="IssueAsync"/>: record the
/// visa, sign its seal, render the PDF and write it to Blob Storage (R11). Idempotent throughout, so the activities that
/// call it may be retried at any point:
/// <list type="number">
/// <item>the invitation is marked used conditionally, and idempotently for the same application;</item>
/// <item>the number is drawn from the application id and claimed by a conditional insert, so a retry lands on the same
/// number;</item>
/// <item>the application claims its one visa number in <c>VisasByApplication</c> (R6); a retry, even with another
/// number, carries on with the visa the application already has;</item>
/// <item>the visa row is added to <c>Visas</c> once, with its seal; a retry reuses the stored row, so the same
/// seal and issue date are printed again;</item>
/// <item>the PDF is uploaded with If-None-Match: *, so an existing blob is never replaced.</item>
/// </list>
/// </summary>
public sealed partial class VisaIssuer(InvitationStore invitations, PaymentRequestStore payments,
    PaymentReviewStore reviews, VisaStore store, VisaSigningKeys keys, VisaPdfRenderer renderer, TimeProvider clock,
    ILogger<VisaIssuer> logger)
{
    private const int NumberAttempts = 20;

    public async Task<VisaIssue> IssueForApplicationAsync(IssueVisaInput input, CancellationToken cancellationToken)
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
        var issued = await IssueAsync(new VisaIssueRequest(
            input.ApplicationId, input.ApplicantId, invitation.InviterId, draft.InvitationNumber, draft.PassportNumber,
            draft.Surname, draft.GivenNames, draft.Nationality, draft.DateOfBirth, sex, category, draft.ValidFrom,
            draft.ValidUntil, number, input.IssuedAt), cancellationToken);
        logger.LogInformation("Application {ApplicationId}: visa {VisaNumber} issued", input.ApplicationId, issued.VisaNumber);
        return new VisaIssue(issued.VisaNumber, null);
    }

    public async Task<VisaIssueResult> IssueAsync(VisaIssueRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.VisaNumber is null || !VisaNumberPattern().IsMatch(request.VisaNumber))
            throw new ArgumentException("A visa number is 1 to 16 upper-case letters or digits.", nameof(request));

        // Checked and signed before anything is stored, so data the visa cannot carry leaves no trace.
        var draft = Draft(request);
        var visaNumber = await store.ClaimForApplicationAsync(request.ApplicationId, request.VisaNumber, cancellationToken);
        if (visaNumber != request.VisaNumber)
        {
            logger.LogWarning("Application {ApplicationId} already has visa {VisaNumber}; not issuing {Requested}",
                request.ApplicationId, visaNumber, request.VisaNumber);
            draft = Draft(request with { VisaNumber = visaNumber });
        }

        var visa = await store.AddOrGetAsync(draft, cancellationToken);
        if (visa.ApplicationId != request.ApplicationId)
        {
            // Released, so that a retry with another number is not held to this one.
            await store.ReleaseClaimAsync(request.ApplicationId, visaNumber, cancellationToken);
            throw new InvalidOperationException($"Visa number {visaNumber} belongs to another application; allocate another.");
        }

        await store.WritePdfOnceAsync(visa.BlobName, renderer.Render(Document(visa)), cancellationToken);
        logger.LogInformation("Application {ApplicationId}: visa {VisaNumber} issued as {BlobName}",
            request.ApplicationId, visa.VisaNumber, visa.BlobName);
        return new VisaIssueResult(visa.VisaNumber, visa.BlobName, visa.IssueDate);
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
            if (await store.ClaimNumberAsync(number, applicationId, cancellationToken))
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

    /// <summary>The new visa's row: the printed data and its seal, signed once here and stored, so retries print the same.</summary>
    private VisaRecord Draft(VisaIssueRequest request)
    {
        var issueDate = KazakhstanTime.DateOf(request.IssuedAt ?? clock.GetUtcNow());
        var record = new VisaRecord(
            request.VisaNumber, request.ApplicationId, request.ApplicantId, request.InviterId, request.InvitationNumber,
            PassportNumber.Parse(request.PassportNumber).Value, request.Surname, request.GivenNames, request.Nationality,
            request.DateOfBirth, request.Sex, request.Category, request.ValidFrom, request.ValidUntil, issueDate,
            SealText: "", BlobName: VisaStore.BlobNameFor(request.VisaNumber));
        var document = Document(record).WithSeal(keys.CreateSigner());
        // Fails here, before anything is stored, on data the visa cannot carry.
        var problems = document.Validate();
        if (problems.Count > 0)
            throw new ArgumentException("The visa cannot be issued: " + string.Join("; ", problems) + ".", nameof(request));
        return record with { SealText = document.SealText };
    }

    /// <summary>What is printed: the stored data, the MRV-A zone (visa number in the optional data) and the seal.</summary>
    private static VisaDocument Document(VisaRecord visa)
    {
        var mrz = MrvA.Write(new MrvAData(visa.PassportNumber, visa.Surname, visa.GivenNames, visa.Nationality,
            visa.DateOfBirth, visa.Sex, visa.ValidUntil, visa.VisaNumber));
        return new VisaDocument(visa.Surname, visa.GivenNames, visa.PassportNumber, visa.Nationality, visa.DateOfBirth,
            visa.Sex.Letter(), visa.VisaNumber, visa.Category, visa.ValidFrom, visa.ValidUntil,
            visa.InvitationNumber, visa.IssueDate, mrz.Line1, mrz.Line2, visa.SealText);
    }

    [GeneratedRegex("^[A-Z0-9]{1,16}$")]
    private static partial Regex VisaNumberPattern();
}
