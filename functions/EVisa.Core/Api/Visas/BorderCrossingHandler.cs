using EVisa.Core.Visas;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace EVisa.Core.Api.Visas;

/// <summary>
/// <c>POST /api/visas/{visaNumber}/entries</c> and <c>/exits</c> (role border): binds the crossing, has
/// <see cref="BorderControl"/> decide it (R1, R4, R10, R13), and answers the decision: 201 with the visa, or a
/// problem. Of many simultaneous entries exactly one is recorded and the rest get 409.
/// </summary>
public sealed class BorderCrossingHandler(BorderControl border)
{
    public Task<IActionResult> EnterAsync(HttpRequest request, string visaNumber) =>
        CrossAsync(request, (body, cancellationToken) =>
            border.EnterAsync(visaNumber, body.Checkpoint!, body.PassportNumber!, cancellationToken));

    public Task<IActionResult> ExitAsync(HttpRequest request, string visaNumber) =>
        CrossAsync(request, (body, cancellationToken) =>
            border.ExitAsync(visaNumber, body.Checkpoint!, body.PassportNumber!, cancellationToken));

    private static async Task<IActionResult> CrossAsync(HttpRequest request,
        Func<BorderCrossingRequest, CancellationToken, Task<BorderCrossingOutcome>> cross)
    {
        var (body, malformed) = await RequestBodies.ReadAsync<BorderCrossingRequest>(request);
        if (body is null)
            return malformed!;

        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(body.Checkpoint))
            errors["checkpoint"] = ["Give the checkpoint: NQZ or ALA."];
        if (string.IsNullOrWhiteSpace(body.PassportNumber))
            errors["passportNumber"] = ["Give the number of the passport presented (R10)."];
        if (errors.Count > 0)
            return Problems.Validation(errors);

        return Answer(await cross(body, request.HttpContext.RequestAborted));
    }

    /// <summary>The one place a border decision becomes HTTP.</summary>
    private static IActionResult Answer(BorderCrossingOutcome outcome) => outcome.Decision switch
    {
        BorderCrossingDecision.Recorded =>
            new ObjectResult(VisaView.From(outcome.Visa!, outcome.At)) { StatusCode = StatusCodes.Status201Created },
        BorderCrossingDecision.VisaNotFound => Problems.NotFound("visa"),
        BorderCrossingDecision.CheckpointNotPermitted => Problems.Create(StatusCodes.Status422UnprocessableEntity, "checkpoint-not-permitted",
            "An e-visa permits entry and exit only at NQZ or ALA.",
            "R4: e-visa holders cross only through the international airports of Astana (NQZ) and Almaty (ALA)."),
        BorderCrossingDecision.AlreadyEntered => Problems.Create(StatusCodes.Status409Conflict, "already-entered",
            "This single-entry visa has already been used to enter.",
            $"The entry was recorded at {outcome.Visa!.Entry!.Checkpoint} on {outcome.Visa.Entry.At:yyyy-MM-dd HH:mm} UTC."),
        BorderCrossingDecision.EntryRefused => Refused("entry-refused", "The visa does not permit this entry.", outcome.Reasons),
        BorderCrossingDecision.NotEntered => Problems.Create(StatusCodes.Status409Conflict, "not-entered",
            "No entry is recorded on this visa, so there is no exit to record."),
        BorderCrossingDecision.AlreadyExited => Problems.Create(StatusCodes.Status409Conflict, "already-exited",
            "The exit on this visa is already recorded.",
            $"The exit was recorded at {outcome.Visa!.Exit!.Checkpoint} on {outcome.Visa.Exit.At:yyyy-MM-dd HH:mm} UTC."),
        BorderCrossingDecision.ExitRefused => Refused("exit-refused", "The presented passport is not the visa's.", outcome.Reasons),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome.Decision, null),
    };

    private static IActionResult Refused(string code, string title, IReadOnlyList<string> reasons) =>
        Problems.Create(StatusCodes.Status422UnprocessableEntity, code, title,
            "Reasons: " + string.Join(", ", reasons) + ".",
            new Dictionary<string, object?> { ["reasons"] = reasons });
}
