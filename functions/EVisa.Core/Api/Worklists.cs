using EVisa.Core.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace EVisa.Core.Api;

/// <summary>An officer's closing of a worklist item, as its request body gave it.</summary>
public sealed record ClosingRequest(string Outcome, string Note, string? ApplicationId);

/// <summary>
/// What the officers' worklists (stuck applications, overdue arrival notices, payment reviews) read alike: the
/// <c>state</c> of the items to list, and the body of a closure <c>{"outcome","note"}</c> (a payment credited also names
/// its <c>applicationId</c>).
/// </summary>
public static class Worklists
{
    public const int MaxNoteLength = 2000;

    /// <summary><c>state=open|closed|all</c>, open by default; <paramref name="closedWord"/> is how the list says closed.</summary>
    public static WorklistState? ReadState(HttpRequest request, IDictionary<string, string[]> errors, string closedWord = "closed")
    {
        var text = request.Query["state"].ToString();
        WorklistState? state = text switch
        {
            "" or "open" => WorklistState.Open,
            "all" => WorklistState.All,
            _ when text == closedWord => WorklistState.Closed,
            _ => null,
        };
        if (state is null)
            errors["state"] = [$"Must be open, {closedWord} or all."];
        return state;
    }

    /// <summary>
    /// Reads the closure; every field error at once. <paramref name="applicationOutcome"/> is the outcome that must name
    /// an application (and the only one that may).
    /// </summary>
    public static async Task<(ClosingRequest? Closing, IActionResult? Problem)> ReadClosingAsync(HttpRequest request,
        IReadOnlyList<string> outcomes, string? applicationOutcome = null)
    {
        var (body, problem) = await RequestBodies.ReadObjectAsync(request);
        if (body is null)
            return (null, problem);
        var fields = new JsonFields();
        var chosen = fields.Choice(body.Root, "outcome", outcomes.Select((o, i) => (o, i)).ToDictionary(c => c.o, c => c.i));
        var outcome = chosen is { } index ? outcomes[index] : null;
        var note = fields.Text(body.Root, "note", MaxNoteLength);
        var applicationId = applicationOutcome is null
            ? null
            : fields.Text(body.Root, "applicationId", 64, required: outcome == applicationOutcome);
        if (applicationId is not null && outcome != applicationOutcome)
            fields.Add("applicationId", $"Only for the outcome {applicationOutcome}.");
        if (!string.IsNullOrEmpty(note) && string.IsNullOrWhiteSpace(note))
            fields.Add("note", "Must say something.");
        return fields.HasErrors ? (null, Problems.Validation(fields.Errors)) : (new ClosingRequest(outcome!, note!.Trim(), applicationId), null);
    }

    public static IActionResult AlreadyClosed(string what) =>
        Problems.Create(StatusCodes.Status409Conflict, "already-closed", $"The {what} was closed already; a closure is final.");
}
