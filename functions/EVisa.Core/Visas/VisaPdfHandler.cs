using EVisa.Core.Api;
using EVisa.Core.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace EVisa.Core.Visas;

/// <summary>
/// <c>GET /api/applications/{applicationId}/visa</c>: the printable visa (R11), streamed from Blob Storage. Its
/// applicant only (another applicant's answers 404, as a missing one does); officers may download any.
/// </summary>
public sealed class VisaPdfHandler(VisaStore visas)
{
    public async Task<IActionResult> HandleAsync(HttpRequest request, string applicationId)
    {
        var caller = request.HttpContext.GetCaller();

        var cancellationToken = request.HttpContext.RequestAborted;
        var visa = await FindAsync(applicationId, cancellationToken);
        if (visa is null || (caller.Role == Role.Applicant && visa.ApplicantId != caller.Subject))
            return Problems.NotFound("visa");
        return await OpenAsync(visa, cancellationToken) ?? Problems.NotFound("visa");
    }

    /// <summary>The application's visa PDF, or null when none is issued (for a caller already allowed to see it).</summary>
    public async Task<IActionResult?> PdfAsync(string applicationId, CancellationToken cancellationToken) =>
        await FindAsync(applicationId, cancellationToken) is { } visa ? await OpenAsync(visa, cancellationToken) : null;

    private async Task<VisaRecord?> FindAsync(string applicationId, CancellationToken cancellationToken)
    {
        var number = await visas.FindNumberForApplicationAsync(applicationId, cancellationToken);
        return number is null ? null : await visas.GetAsync(number, cancellationToken);
    }

    private async Task<IActionResult?> OpenAsync(VisaRecord visa, CancellationToken cancellationToken)
    {
        var pdf = await visas.OpenPdfAsync(visa.BlobName, cancellationToken);
        return pdf is null ? null : new FileStreamResult(pdf, "application/pdf") { FileDownloadName = $"evisa-{visa.VisaNumber}.pdf" };
    }
}
