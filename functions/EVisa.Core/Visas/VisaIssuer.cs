using System.Text.RegularExpressions;
using EVisa.Core.Documents;
using EVisa.Core.Rules;
using Microsoft.Extensions.Logging;

namespace EVisa.Core.Visas;

/// <summary>
/// Issues the visa of an approved, paid application (DESIGN.md, pipeline step 5): records it, renders the PDF and
/// writes it to Blob Storage. Idempotent, so the pipeline's <c>IssueVisa</c> activity may be retried at any point:
/// <list type="number">
/// <item>the application claims its one visa number in <c>VisasByApplication</c> (R6); a retry, even with another
/// number, carries on with the visa the application already has;</item>
/// <item>the visa row is added to <c>Visas</c> once, with its seal; a retry reuses the stored row, so the same
/// seal and issue date are printed again;</item>
/// <item>the PDF is uploaded with If-None-Match: *, so an existing blob is never replaced.</item>
/// </list>
/// </summary>
public sealed partial class VisaIssuer(VisaStore store, VisaSigningKeys keys, VisaPdfRenderer renderer, TimeProvider clock,
    ILogger<VisaIssuer> logger)
{
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
