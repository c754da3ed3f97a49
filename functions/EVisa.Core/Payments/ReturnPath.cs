namespace EVisa.Core.Payments;

/// <summary>
/// Where the payment provider sends the applicant back: a path on the portal's own origin, never an address the
/// request chose (no scheme, no <c>//host</c>, no backslash that a browser reads as a slash), so the checkout cannot
/// be used as an open redirect.
/// </summary>
public static class ReturnPath
{
    public const int MaxLength = 512;

    public static bool IsValid(string? path) =>
        path is { Length: > 0 and <= MaxLength }
        && path[0] == '/'
        && !path.StartsWith("//", StringComparison.Ordinal)
        && !path.Any(c => c == '\\' || char.IsControl(c) || char.IsWhiteSpace(c));

    /// <summary>The absolute return address on <paramref name="origin"/>, or null when the path is not a same-origin path.</summary>
    public static Uri? Resolve(string origin, string? path)
    {
        if (!IsValid(path) || !Uri.TryCreate(origin, UriKind.Absolute, out var root))
            return null;
        // Belt and braces: whatever the path holds, the result must still be on the origin.
        return Uri.TryCreate(root, path, out var resolved)
               && string.Equals(resolved.GetLeftPart(UriPartial.Authority), root.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase)
            ? resolved
            : null;
    }
}
