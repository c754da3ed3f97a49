using System.Globalization;
using System.Text.Json;

namespace EVisa.Core.Api;

/// <summary>
/// Reads a JSON body field by field and collects every error, keyed by its path (<c>passport.expiryDate</c>), so
/// a client fixes everything in one round. Binding to a type would stop at the first wrong field and speak of
/// .NET types; this speaks of the API's fields. Names match case-insensitively, as JsonSerializerOptions.Web does.
/// </summary>
public sealed class JsonFields
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool HasErrors => _errors.Count > 0;

    public IReadOnlyDictionary<string, string[]> Errors => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    public void Add(string path, string message)
    {
        if (!_errors.TryGetValue(path, out var list))
            _errors[path] = list = [];
        list.Add(message);
    }

    /// <summary>A nested object; null (with an error when required) when absent or not an object.</summary>
    public JsonElement? Nested(JsonElement? parent, string path, bool required = true)
    {
        if (Find(parent, path, required) is not { } value)
            return null;
        if (value.ValueKind == JsonValueKind.Object)
            return value;
        Add(path, "Must be an object.");
        return null;
    }

    public string? Text(JsonElement? parent, string path, int maxLength, bool required = true, bool allowEmpty = false)
    {
        if (Find(parent, path, required) is not { } value)
            return null;
        if (value.ValueKind != JsonValueKind.String)
        {
            Add(path, "Must be a string.");
            return null;
        }

        var text = value.GetString()!;
        if (!allowEmpty && string.IsNullOrWhiteSpace(text))
            Add(path, "Must not be empty.");
        else if (text.Length > maxLength)
            Add(path, $"Must be at most {maxLength} characters.");
        else
            return text;
        return null;
    }

    /// <summary>An ISO 8601 calendar date, <c>yyyy-MM-dd</c>, that exists (no 31 February).</summary>
    public DateOnly? Date(JsonElement? parent, string path)
    {
        if (Find(parent, path, required: true) is not { } value)
            return null;
        if (value.ValueKind == JsonValueKind.String
            && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date;
        Add(path, "Must be a date as yyyy-MM-dd.");
        return null;
    }

    public int? WholeNumber(JsonElement? parent, string path, int min, int max)
    {
        if (Find(parent, path, required: true) is not { } value)
            return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= min && number <= max)
            return number;
        Add(path, $"Must be a whole number from {min} to {max}.");
        return null;
    }

    public bool? Bool(JsonElement? parent, string path)
    {
        if (Find(parent, path, required: true) is not { } value)
            return null;
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
            return value.GetBoolean();
        Add(path, "Must be true or false.");
        return null;
    }

    /// <summary>One of a fixed set of strings, matched exactly.</summary>
    public T? Choice<T>(JsonElement? parent, string path, IReadOnlyDictionary<string, T> choices, bool required = true)
        where T : struct
    {
        if (Find(parent, path, required) is not { } value)
            return null;
        if (value.ValueKind == JsonValueKind.String && choices.TryGetValue(value.GetString()!, out var choice))
            return choice;
        Add(path, $"Must be one of: {string.Join(", ", choices.Keys)}.");
        return null;
    }

    /// <summary>An optional array of strings with an exact length.</summary>
    public IReadOnlyList<string>? Strings(JsonElement? parent, string path, int count, int maxLength)
    {
        if (Find(parent, path, required: false) is not { } value)
            return null;
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() != count
            || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String || v.GetString()!.Length > maxLength))
        {
            Add(path, $"Must be an array of {count} strings of at most {maxLength} characters.");
            return null;
        }

        return value.EnumerateArray().Select(v => v.GetString()!).ToList();
    }

    private JsonElement? Find(JsonElement? parent, string path, bool required)
    {
        if (parent is not { ValueKind: JsonValueKind.Object } obj)
            return null; // the parent's own error says why
        var name = path[(path.LastIndexOf('.') + 1)..];
        foreach (var property in obj.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind != JsonValueKind.Null)
                return property.Value;
        }

        if (required)
            Add(path, "Is required.");
        return null;
    }
}
