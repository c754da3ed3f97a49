using EVisa.Core.Api;
using EVisa.Core.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace EVisa.Core.Visas;

/// <summary>
/// <c>GET /api/applications/{applicationId}/visa</c>: the printable visa (R11), streamed from Blob Storage. Its
/// applicant only (another applicant's answers 404, as a missing one does); officers may download any.
/// </summary>
public sealed class VisaPdfHandler(RequestAuthorizer authorizer, VisaStore visas)
{
    public async Task<IActionResult> HandleAsync(HttpRequest request, string applicationId)
    {
        var authorization = await authorizer.AuthorizeAsync(request, Role.Applicant, Role.Officer);
        if (authorization.Caller is not { } caller)
            return authorization.Denial!;

        var cancellationToken = request.HttpContext.RequestAborted;
        var number = await visas.FindNumberForApplicationAsync(applicationId, cancellationToken);
        var visa = number is null ? null : await visas.GetAsync(number, cancellationToken);
        if (visa is null || (caller.Role == Role.Applicant && visa.ApplicantId != caller.Subject))
            return Problems.NotFound("visa");

        var pdf = await visas.OpenPdfAsync(visa.BlobName, cancellationToken);
        if (pdf is null)
            return Problems.NotFound("visa");
        return new FileStreamResult(pdf, "application/pdf") { FileDownloadName = $"evisa-{visa.VisaNumber}.pdf" };
    }
}
