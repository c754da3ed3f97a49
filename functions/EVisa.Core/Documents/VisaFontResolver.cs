using System.Reflection;
using PdfSharp.Fonts;

namespace EVisa.Core.Documents;

/// <summary>
/// Serves PDFsharp the DejaVu fonts embedded in this assembly (EVisa.Core.csproj takes them at build time from
/// the npm package dejavu-fonts-ttf). PDFsharp reads no system fonts on Linux, and its bundled failsafe
/// resolver serves fonts not licensed for production, so this is the only resolver the visa PDF uses.
/// DejaVu Sans covers Kazakh Cyrillic (Қ Ә Ө Ұ Ү Һ І Ғ Ң); DejaVu Sans Mono prints the MRZ.
/// </summary>
public sealed class VisaFontResolver : IFontResolver
{
    public const string Sans = "DejaVu Sans";
    public const string Mono = "DejaVu Sans Mono";

    private const string SansFace = "DejaVuSans";
    private const string SansBoldFace = "DejaVuSans-Bold";
    private const string MonoFace = "DejaVuSansMono";

    private static readonly Lock Gate = new();
    private static volatile bool _registered;

    private static readonly Dictionary<string, Lazy<byte[]>> Faces = new(StringComparer.Ordinal)
    {
        [SansFace] = Resource(SansFace),
        [SansBoldFace] = Resource(SansBoldFace),
        [MonoFace] = Resource(MonoFace),
    };

    private VisaFontResolver()
    {
    }

    public static VisaFontResolver Instance { get; } = new();

    /// <summary>
    /// Makes this PDFsharp's font resolver, once per process and thread-safely. PDFsharp's setting is global and
    /// may be set only before the first font is used, so a different resolver already in place is an error.
    /// </summary>
    public static void EnsureRegistered()
    {
        if (_registered)
            return;
        lock (Gate)
        {
            if (_registered)
                return;
            switch (GlobalFontSettings.FontResolver)
            {
                case null:
                    GlobalFontSettings.FontResolver = Instance;
                    break;
                case VisaFontResolver:
                    break;
                case var other:
                    throw new InvalidOperationException(
                        $"PDFsharp already uses the font resolver {other.GetType().FullName}; the visa PDF needs {nameof(VisaFontResolver)}.");
            }

            _registered = true;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic)
    {
        if (string.Equals(familyName, Sans, StringComparison.OrdinalIgnoreCase))
            return new FontResolverInfo(bold ? SansBoldFace : SansFace, mustSimulateBold: false, mustSimulateItalic: italic);
        if (string.Equals(familyName, Mono, StringComparison.OrdinalIgnoreCase))
            return new FontResolverInfo(MonoFace, mustSimulateBold: bold, mustSimulateItalic: italic);
        return null;
    }

    public byte[]? GetFont(string faceName) => Faces.TryGetValue(faceName, out var face) ? face.Value : null;

    private static Lazy<byte[]> Resource(string face) => new(() =>
    {
        var name = $"EVisa.Core.Documents.Fonts.{face}.ttf";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The font resource {name} is missing: EVisa.Core was built without node_modules/dejavu-fonts-ttf.");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    });
}
