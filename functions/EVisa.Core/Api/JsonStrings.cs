using System.Text.Json;

namespace EVisa.Core.Api;

/// <summary>
/// Whether every string and property name in a parsed document can be read. The JSON parser accepts invalid UTF-8
/// inside strings and escaped lone surrogates (<c>"\ud800"</c>); they throw only when a handler reads the string,
/// which made a client's bad bytes a 500. Checked once after parsing, so handlers can read any string safely.
/// </summary>
public static class JsonStrings
{
    public static bool AllReadable(JsonElement element)
    {
        try
        {
            Visit(element);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void Visit(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    _ = property.Name;
                    Visit(property.Value);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                    Visit(item);
                break;
            case JsonValueKind.String:
                _ = element.GetString();
                break;
        }
    }
}
