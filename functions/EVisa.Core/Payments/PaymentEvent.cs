using System.Text.Json;
using System.Text.RegularExpressions;
using EVisa.Core.Api;

namespace EVisa.Core.Payments;

public enum PaymentOutcome
{
    Succeeded,
    Failed,
}

/// <summary>One event from the payment provider, as its signed webhook body states it. Amounts are integer minor units.</summary>
public sealed record PaymentEvent(
    string EventId,
    string PaymentReference,
    long AmountMinor,
    string Currency,
    PaymentOutcome Outcome,
    DateTimeOffset OccurredAt);

/// <summary>
/// Reads a webhook body (only after its signature was verified). Strict about what it needs, tolerant of fields it
/// does not know (providers add fields). Ids become table keys, so they are limited to characters keys allow.
/// </summary>
public static partial class PaymentEventReader
{
    public static string OutcomeName(this PaymentOutcome outcome) => outcome switch
    {
        PaymentOutcome.Succeeded => "succeeded",
        PaymentOutcome.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    /// <summary>The event, or every field error at once (keyed by JSON name) for a 400.</summary>
    public static (PaymentEvent? Event, IReadOnlyDictionary<string, string[]> Errors) Read(ReadOnlySpan<byte> body)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 16 });
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException)
        {
            errors["$"] = ["The body is not valid JSON."];
            return (null, errors);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                errors["$"] = ["The body must be a JSON object."];
                return (null, errors);
            }

            if (!JsonStrings.AllReadable(root))
            {
                errors["$"] = ["The body has text that is not valid UTF-8 or UTF-16."];
                return (null, errors);
            }

            var eventId = Key(root, "eventId", errors);
            var reference = Key(root, "paymentReference", errors);
            long amount = 0;
            if (!root.TryGetProperty("amount", out var amountElement) || amountElement.ValueKind != JsonValueKind.Number
                || !amountElement.TryGetInt64(out amount) || amount < 0)
                errors["amount"] = ["A non-negative integer amount in minor units is required."];
            var currency = Text(root, "currency");
            if (currency is not { Length: 3 } || !currency.All(char.IsAsciiLetterUpper))
                errors["currency"] = ["An ISO 4217 currency code such as USD is required."];
            var outcome = Text(root, "outcome") switch
            {
                "succeeded" => PaymentOutcome.Succeeded,
                "failed" => PaymentOutcome.Failed,
                _ => (PaymentOutcome?)null,
            };
            if (outcome is null)
                errors["outcome"] = ["The outcome must be 'succeeded' or 'failed'."];
            DateTimeOffset time = default;
            if (!root.TryGetProperty("time", out var timeElement) || timeElement.ValueKind != JsonValueKind.String
                || !timeElement.TryGetDateTimeOffset(out time))
                errors["time"] = ["An ISO 8601 time is required."];

            return errors.Count > 0
                ? (null, errors)
                : (new PaymentEvent(eventId!, reference!, amount, currency!, outcome!.Value, time), errors);
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? Key(JsonElement root, string name, Dictionary<string, string[]> errors)
    {
        var value = Text(root, name);
        if (value is null || !KeySafe().IsMatch(value))
        {
            errors[name] = ["Required: 1 to 128 letters, digits, '.', '_', ':' or '-'."];
            return null;
        }

        return value;
    }

    // Table keys refuse '/', '\', '#', '?' and control characters; this is narrower than that.
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}\\z")]
    private static partial Regex KeySafe();
}
