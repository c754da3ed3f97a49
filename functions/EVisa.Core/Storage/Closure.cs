using System.Text.Json.Serialization;
using Azure.Data.Tables;

namespace EVisa.Core.Storage;

/// <summary>
/// How an officer closed a worklist item: the outcome (per worklist, e.g. <c>restarted</c>, <c>filed-late</c>,
/// <c>credited</c>), the note, who (the token's subject) and when; <paramref name="ApplicationId"/> only where the
/// outcome names one (a payment credited to an application).
/// </summary>
public sealed record Closure(string Outcome, string Note, string By, DateTimeOffset At,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ApplicationId = null)
{
    public IReadOnlyDictionary<string, object?> Columns() => new Dictionary<string, object?>
    {
        ["ClosureOutcome"] = Outcome,
        ["ClosureNote"] = Note,
        ["ClosedBy"] = By,
        ["ClosedAt"] = At,
        ["ClosureApplicationId"] = ApplicationId,
    };

    /// <summary>The closure a row carries; null for an open one.</summary>
    public static Closure? Of(TableEntity row) =>
        row?.GetString("ClosureOutcome") is { } outcome
            ? new Closure(outcome, row.GetString("ClosureNote") ?? "", row.GetString("ClosedBy") ?? "",
                row.GetDateTimeOffset("ClosedAt") ?? DateTimeOffset.MinValue, row.GetString("ClosureApplicationId"))
            : null;
}
