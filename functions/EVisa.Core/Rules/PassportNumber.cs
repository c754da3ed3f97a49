namespace EVisa.Core.Rules;

/// <summary>
/// What a passport number is, in every place that reads or compares one: the invitation's guest, the submission and
/// its one-open-application index (R6), the draft and the issued visa, the border (R10), "find my application". It is
/// the data page's number in upper case; the spaces and hyphens people type between groups are not part of it. Any
/// other character stays, so a malformed number is refused (<see cref="IsWellFormed"/>) rather than silently changed.
/// </summary>
public readonly record struct PassportNumber
{
    private readonly string? _value;

    private PassportNumber(string value) => _value = value;

    public string Value => _value ?? "";

    /// <summary>
    /// R10: 1 to 9 Latin letters or digits, the places of the TD3 machine-readable zone (longer numbers, which ICAO 9303
    /// spills into the optional data, are refused rather than cut short on the visa).
    /// </summary>
    public bool IsWellFormed => Value.Length is >= 1 and <= 9 && Value.All(char.IsAsciiLetterOrDigit);

    public static PassportNumber Parse(string? text) =>
        new(text is null ? "" : new string([.. text.Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToUpperInvariant)]));

    /// <summary>Whether two numbers as typed are the same passport's.</summary>
    public static bool Same(string? one, string? other) => Parse(one) == Parse(other);

    /// <summary>Never the number: a passport number is personal data, and a log line may format this value.</summary>
    public override string ToString() => nameof(PassportNumber);
}
