using System.Diagnostics.CodeAnalysis;

namespace EVisa.Core.Rules;

/// <summary>
/// An ISO 3166-1 alpha-3 code that names a country or territory we know (R3): the nationality code of a
/// passport's machine-readable zone. Only <see cref="TryParse"/> makes one, so an unknown code cannot exist.
/// </summary>
public readonly record struct CountryCode
{
    private CountryCode(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse(string? text, [NotNullWhen(true)] out CountryCode? code)
    {
        if (text is not null && Countries.IsKnown(text))
        {
            code = new CountryCode(text);
            return true;
        }

        code = null;
        return false;
    }

    public override string ToString() => Value;
}
