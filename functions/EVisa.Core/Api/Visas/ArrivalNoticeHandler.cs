using EVisa.Core.Identity;
using EVisa.Core.Visas;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace EVisa.Core.Api.Visas;

/// <summary>
/// <c>POST /api/visas/{visaNumber}/arrival-notice</c> (R13): the visa's inviting party files the arrival notice that
/// the recorded entry made due, with the guest's place of stay. Only that party (anyone else gets 404); only after an
/// entry (else 409); filing again changes nothing and answers as the first time did.
/// </summary>
public sealed class ArrivalNoticeHandler(VisaStore visas, TimeProvider clock)
{
    private const int MaxPlaceOfStayLength = 300;

    public async Task<IActionResult> HandleAsync(HttpRequest request, string visaNumber)
    {
        var caller = request.HttpContext.GetCaller();
        var (body, malformed) = await RequestBodies.ReadAsync<ArrivalNoticeRequest>(request);
        if (body is null)
            return malformed!;
        var placeOfStay = body.PlaceOfStay?.Trim();
        if (string.IsNullOrEmpty(placeOfStay) || placeOfStay.Length > MaxPlaceOfStayLength)
        {
            return Problems.Validation(new Dictionary<string, string[]>
            {
                ["placeOfStay"] = [$"Give the address where the guest stays, at most {MaxPlaceOfStayLength} characters."],
            });
        }

        var now = clock.GetUtcNow();
        var change = await visas.ChangeAsync<IActionResult?>(visaNumber, visa =>
        {
            if (visa.InviterId != caller.Subject)
                return (null, Problems.NotFound("visa"));
            if (visa.Entry is null || visa.ArrivalNotice is null)
            {
                return (null, Problems.Create(StatusCodes.Status409Conflict, "not-entered",
                    "No entry is recorded on this visa; the arrival notice is due only after one (R13)."));
            }

            return visa.ArrivalNotice.FiledAt is null
                ? (visa with { ArrivalNotice = visa.ArrivalNotice with { FiledAt = now, PlaceOfStay = placeOfStay } }, null)
                : (null, null);
        }, request.HttpContext.RequestAborted);
        if (change is null)
            return Problems.NotFound("visa");
        return change.Outcome ?? new OkObjectResult(VisaView.From(change.Visa, now));
    }
}
