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
    /// <param name="prefix">Names the columns apart, for a closure a row carries before it is closed (a claimed credit).</param>
    public IReadOnlyDictionary<string, object?> Columns(string prefix = "") => new Dictionary<string, object?>
    {
        [prefix + "ClosureOutcome"] = Outcome,
        [prefix + "ClosureNote"] = Note,
        [prefix + "ClosedBy"] = By,
        [prefix + "ClosedAt"] = At,
        [prefix + "ClosureApplicationId"] = ApplicationId,
    };

    /// <summary>The closure a row carries (under <paramref name="prefix"/>); null for an open one.</summary>
    public static Closure? Of(TableEntity row, string prefix = "") =>
        row?.GetString(prefix + "ClosureOutcome") is { } outcome
            ? new Closure(outcome, row.GetString(prefix + "ClosureNote") ?? "", row.GetString(prefix + "ClosedBy") ?? "",
                row.GetDateTimeOffset(prefix + "ClosedAt") ?? DateTimeOffset.MinValue, row.GetString(prefix + "ClosureApplicationId"))
            : null;
}
