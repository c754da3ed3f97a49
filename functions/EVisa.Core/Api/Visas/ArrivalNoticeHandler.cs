using EVisa.Core.Identity;
using EVisa.Core.Visas;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace EVisa.Core.Api.Visas;

/// <summary>
/// <c>POST /api/visas/{visaNumber}/arrival-notice</c> (R13): the visa's inviting party files the arrival notice that
/// the recorded entry made due, with the guest's place of stay (<see cref="ArrivalNoticeFiling"/>). Only that party
/// (anyone else gets 404); only after an entry (else 409); filing again changes nothing and answers as the first
/// time did.
/// </summary>
public sealed class ArrivalNoticeHandler(ArrivalNoticeFiling filing)
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

        var outcome = await filing.FileAsync(visaNumber, caller.Subject, placeOfStay, request.HttpContext.RequestAborted);
        return outcome.Decision switch
        {
            ArrivalNoticeFilingDecision.Filed => new OkObjectResult(VisaView.From(outcome.Visa!, outcome.At)),
            // Another party's visa answers as a missing one does.
            ArrivalNoticeFilingDecision.VisaNotFound or ArrivalNoticeFilingDecision.NotTheInviter => Problems.NotFound("visa"),
            ArrivalNoticeFilingDecision.NotEntered => Problems.Create(StatusCodes.Status409Conflict, "not-entered",
                "No entry is recorded on this visa; the arrival notice is due only after one (R13)."),
            _ => throw new ArgumentOutOfRangeException(nameof(visaNumber), outcome.Decision, null),
        };
    }
}
