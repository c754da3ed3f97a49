using System.Globalization;
using EVisa.Core.Documents;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Graphics.Colors;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;
using PigDocument = UglyToad.PdfPig.PdfDocument;

namespace EVisa.Core.Tests.Documents;

[Trait("Rule", "R11")]
public sealed class VisaPdfRendererTests : IDisposable
{
    private const string KazakhLetters = "ҚӘӨҰҮҺІҒҢқәөұүһіғң";
    private readonly VisaSigningKeys _keys = new(VisaSigningKey.Generate("2026-11"));
    private readonly VisaPdfRenderer _renderer = new();

    public void Dispose() => _keys.Dispose();

    [Fact]
    public void The_visa_is_one_a4_page()
    {
        using var pdf = PigDocument.Open(_renderer.Render(VisaSamples.SignedDocument(_keys.CreateSigner())));

        Assert.Equal(1, pdf.NumberOfPages);
        var page = pdf.GetPage(1);
        Assert.Equal(595, page.Width, 0);   // 210 mm
        Assert.Equal(842, page.Height, 0);  // 297 mm
    }

    [Fact]
    [Trait("Rule", "R1")]
    [Trait("Rule", "R4")]
    [Trait("Rule", "R12")]
    public void Every_field_is_printed_as_extractable_text()
    {
        var visa = VisaSamples.SignedDocument(_keys.CreateSigner());

        var text = PageText(_renderer.Render(visa));

        string[] expected =
        [
            visa.Surname, visa.GivenNames, visa.PassportNumber, visa.Nationality, "31.01.1990", "F",
            visa.VisaNumber, visa.Category.ToApiName(), "01.03.2027", "30.03.2027", visa.InvitationNumber, "20.02.2027",
            "single entry", "однократная", "бір реттік",
            "NQZ", "Astana Nursultan Nazarbayev International Airport", "Международный аэропорт Астана имени Нурсултана Назарбаева",
            "Нұрсұлтан Назарбаев атындағы Астана халықаралық әуежайы",
            "ALA", "Almaty International Airport", "Международный аэропорт Алматы", "Алматы халықаралық әуежайы",
            "exempt from registration with the migration authorities", "освобождаются от регистрации",
            "көші-қон органдарында тіркелуден босатылады",
            visa.MrzLine1, visa.MrzLine2,
            "ВИЗА / ВИЗА / VISA", "Электрондық виза / Электронная виза / Electronic visa",
            "Surname", "Фамилия", "Тегі", "Given names", "Passport number", "Номер паспорта", "Паспорт нөмірі",
            "Nationality", "Date of birth", "Sex", "Visa number", "Category", "Valid from", "Valid until",
            "Invitation number", "Шақыру нөмірі", "Date of issue", "Entries", "Permitted checkpoints",
        ];
        foreach (var value in expected)
            Assert.Contains(value, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Kazakh_letters_are_extractable_from_labels_and_from_names()
    {
        var visa = VisaSamples.SignedDocument(_keys.CreateSigner(), "ҚҰНАНБАЙҰЛЫ", "ӘЛІҺАН ҒӨҮҢ һәң");

        var text = PageText(_renderer.Render(visa));

        Assert.Contains("ҚАЗАҚСТАН РЕСПУБЛИКАСЫ", text, StringComparison.Ordinal);
        Assert.Contains("Рұқсат етілген өткізу пункттері", text, StringComparison.Ordinal);
        Assert.Contains("ҚҰНАНБАЙҰЛЫ", text, StringComparison.Ordinal);
        Assert.Contains("ӘЛІҺАН ҒӨҮҢ һәң", text, StringComparison.Ordinal);
        foreach (var letter in KazakhLetters)
            Assert.Contains(letter, text);
    }

    [Fact]
    public void The_embedded_fonts_have_a_glyph_for_every_kazakh_letter()
    {
        VisaFontResolver.EnsureRegistered();
        var options = new XPdfFontOptions(PdfFontEncoding.Unicode);
        foreach (var (family, style) in new[]
                 {
                     (VisaFontResolver.Sans, XFontStyleEx.Regular), (VisaFontResolver.Sans, XFontStyleEx.Bold),
                     (VisaFontResolver.Mono, XFontStyleEx.Regular),
                 })
        {
            var font = new XFont(family, 10, style, options);
            foreach (var letter in KazakhLetters)
                Assert.NotEqual(0, GlyphHelper.GlyphIndexFromCodePoint(letter, font));
        }
    }

    [Fact]
    public void The_mrz_is_set_in_the_monospace_font()
    {
        var visa = VisaSamples.SignedDocument(_keys.CreateSigner());
        using var pdf = PigDocument.Open(_renderer.Render(visa));

        var mrzLetters = pdf.GetPage(1).Letters.Where(l => l.Value == "<").ToList();

        Assert.NotEmpty(mrzLetters);
        Assert.All(mrzLetters, l => Assert.Contains("DejaVu Sans Mono", l.FontName + "|" + l.FontDetails?.Name, StringComparison.Ordinal));
    }

    [Fact]
    public void The_qr_code_in_the_pdf_carries_the_seal_and_it_verifies_with_the_published_keys()
    {
        var visa = VisaSamples.SignedDocument(_keys.CreateSigner());
        using var pdf = PigDocument.Open(_renderer.Render(visa));

        var image = Assert.Single(pdf.GetPage(1).GetImages());
        var decoded = DecodeQr(image);

        Assert.Equal(visa.SealText, decoded);
        var result = VisaSealVerifier.FromJwkSet(_keys.ToJwkSetJson()).Verify(decoded);
        Assert.True(result.IsValid, result.Reason);
        Assert.Equal(visa.ToSealData(), result.Data);
    }

    [Fact]
    public void Rendering_is_deterministic_and_small()
    {
        var visa = VisaSamples.SignedDocument(_keys.CreateSigner());

        var first = _renderer.Render(visa);
        var second = new VisaPdfRenderer().Render(visa);

        Assert.Equal(first, second);
        Assert.InRange(first.Length, 10_000, 120_000);
        using var pdf = PigDocument.Open(first);
        Assert.Equal(new DateOnly(2027, 2, 20).ToString("yyyyMMdd", CultureInfo.InvariantCulture), CreationDay(pdf));
    }

    [Fact]
    public async Task Rendering_in_parallel_gives_the_same_bytes()
    {
        var visa = VisaSamples.SignedDocument(_keys.CreateSigner());
        var expected = _renderer.Render(visa);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => new VisaPdfRenderer().Render(visa))));

        Assert.All(results, r => Assert.Equal(expected, r));
    }

    [Fact]
    public void An_incomplete_visa_is_refused_with_the_reasons()
    {
        var visa = VisaSamples.Document("seal") with { MrzLine1 = "TOO SHORT", InvitationNumber = "12", Sex = 'Q' };

        var error = Assert.Throws<ArgumentException>(() => _renderer.Render(visa));

        Assert.Contains("MRZ line 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("invitation number", error.Message, StringComparison.Ordinal);
        Assert.Contains("sex", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "R10")]
    public void A_seal_that_carries_other_data_is_refused()
    {
        var signer = _keys.CreateSigner();
        var visa = VisaSamples.SignedDocument(signer);
        var other = visa with { PassportNumber = "E99999999" };

        var error = Assert.Throws<ArgumentException>(() => _renderer.Render(other));

        Assert.Contains("seal", error.Message, StringComparison.Ordinal);
        Assert.Empty(visa.Validate());
    }

    [Fact]
    public void The_stream_overload_writes_the_same_bytes_and_leaves_the_stream_open()
    {
        var visa = VisaSamples.SignedDocument(_keys.CreateSigner());
        using var stream = new MemoryStream();

        _renderer.Render(visa, stream);

        Assert.True(stream.CanWrite);
        Assert.Equal(_renderer.Render(visa), stream.ToArray());
    }

    [Fact]
    public void The_font_resolver_serves_only_the_embedded_fonts()
    {
        Assert.Null(VisaFontResolver.Instance.ResolveTypeface("Arial", false, false));
        Assert.NotNull(VisaFontResolver.Instance.GetFont("DejaVuSans"));
        Assert.NotNull(VisaFontResolver.Instance.GetFont("DejaVuSans-Bold"));
        Assert.NotNull(VisaFontResolver.Instance.GetFont("DejaVuSansMono"));
        Assert.Null(VisaFontResolver.Instance.GetFont("Arial"));
    }

    private static string PageText(byte[] pdf)
    {
        using var document = PigDocument.Open(pdf);
        return document.GetPage(1).Text;
    }

    private static string? CreationDay(PigDocument pdf) =>
        pdf.Information.CreationDate is { } date ? date.Replace("D:", "", StringComparison.Ordinal)[..8] : null;

    /// <summary>Reads the QR code back from the image PDFsharp wrote (1-bit indexed or 8-bit gray/RGB samples).</summary>
    private static string DecodeQr(IPdfImage image)
    {
        Assert.True(image.TryGetBytesAsMemory(out var memory));
        var samples = memory.ToArray();
        int width = image.WidthInSamples, height = image.HeightInSamples, bits = image.BitsPerComponent;
        var components = image.ColorSpaceDetails?.NumberOfColorComponents ?? 1;
        var rowBytes = ((width * components * bits) + 7) / 8;
        var luminance = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                int sample = bits switch
                {
                    1 => (samples[(y * rowBytes) + (x >> 3)] >> (7 - (x & 7))) & 1,
                    8 => samples[(y * rowBytes) + (x * components)],
                    _ => throw new NotSupportedException($"{bits} bits per component"),
                };
                luminance[(y * width) + x] = image.ColorSpaceDetails switch
                {
                    IndexedColorSpaceDetails indexed => indexed.ColorTable[sample * indexed.BaseNumberOfColorComponents],
                    _ when bits == 1 => (byte)(sample * 255),
                    _ => (byte)sample,
                };
            }
        }

        var source = new RGBLuminanceSource(luminance, width, height, RGBLuminanceSource.BitmapFormat.Gray8);
        // The image is the code alone with its quiet zone, as PURE_BARCODE expects. Without the hint ZXing's finder
        // missed about 1 seal in 300 (ECDSA seals differ every run) that zbarimg read from the same PDF.
        var hints = new Dictionary<DecodeHintType, object> { [DecodeHintType.PURE_BARCODE] = true };
        var result = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)), hints);
        Assert.NotNull(result);
        return result.Text;
    }
}
