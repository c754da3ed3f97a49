using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using EVisa.Core.Rules;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using QRCoder;

namespace EVisa.Core.Documents;

/// <summary>
/// Renders an e-visa as a one-page A4 PDF (R11: printable, presented at passport control) in Kazakh, Russian
/// and English: the holder, the visa, single entry (R1), the checkpoints (R4), the exemption from registration
/// (R12), the MRV-A machine-readable zone and a QR code carrying the signed seal. Stateless and thread-safe.
/// The output depends only on the <see cref="VisaDocument"/>: the creation date is the issue date and the
/// file identifier is derived from the seal, so a retried issue writes the same bytes.
/// </summary>
public sealed partial class VisaPdfRenderer
{
    private const double PageWidth = 595.28;   // A4 in points
    private const double PageHeight = 841.89;
    private const double Margin = 42;
    private const double ContentWidth = PageWidth - (2 * Margin);
    private const string DateFormat = "dd.MM.yyyy";

    private static readonly XPdfFontOptions FontOptions = new(PdfFontEncoding.Unicode, PdfFontEmbedding.TryComputeSubset);
    private static readonly XColor Ink = XColor.FromArgb(20, 30, 60);
    private static readonly XColor Muted = XColor.FromArgb(90, 100, 120);
    private static readonly XColor Accent = XColor.FromArgb(0, 119, 182);   // the blue of the flag
    private static readonly XColor Pale = XColor.FromArgb(234, 244, 250);

    public VisaPdfRenderer() => VisaFontResolver.EnsureRegistered();

    /// <summary>Writes the PDF to <paramref name="output"/>, which stays open.</summary>
    public void Render(VisaDocument visa, Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Write(Render(visa));
    }

    /// <summary>The PDF as bytes.</summary>
    public byte[] Render(VisaDocument visa)
    {
        ArgumentNullException.ThrowIfNull(visa);
        visa.EnsureValid();

        using var document = new PdfDocument();
        var created = visa.IssueDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        document.Info.Title = $"E-visa {visa.VisaNumber}";
        document.Info.Creator = "EVisa";
        document.Info.CreationDate = created;
        document.Info.ModificationDate = created;
        document.Options.CompressContentStreams = true;
        document.Options.FlateEncodeMode = PdfFlateEncodeMode.BestCompression;
        var id = FileIdentifier(visa);
        document.Internals.FirstDocumentID = id;
        document.Internals.SecondDocumentID = id;

        var page = document.AddPage();
        page.Size = PageSize.A4;
        page.Orientation = PageOrientation.Portrait;
        using (var gfx = XGraphics.FromPdfPage(page))
            new Layout(gfx, visa).Draw();

        using var output = new MemoryStream(80 * 1024);
        document.Save(output, closeStream: false);
        return MakeDeterministic(output.GetBuffer().AsSpan(0, (int)output.Length), id);
    }

    /// <summary>
    /// PDFsharp 6.2.4 has no switch for reproducible output: it tags each font subset with six random letters
    /// and writes random UUIDs into the XMP metadata. Both are fixed-length ASCII outside compressed streams,
    /// so they are replaced here by values derived from the file identifier, with the same length, which keeps
    /// every cross-reference offset valid.
    /// </summary>
    private static byte[] MakeDeterministic(ReadOnlySpan<byte> pdf, string fileIdentifier)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var seed = Encoding.Latin1.GetBytes(fileIdentifier);
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        text = SubsetTag().Replace(text, match =>
        {
            var original = match.Groups[1].Value;
            if (!tags.TryGetValue(original, out var tag))
            {
                // Keyed by the font name, so the three places that name one font get one tag.
                var hash = SHA256.HashData([.. seed, .. Encoding.Latin1.GetBytes(match.Groups[2].Value)]);
                tag = string.Create(6, hash, (chars, h) =>
                {
                    for (var i = 0; i < chars.Length; i++)
                        chars[i] = (char)('A' + (h[i] % 26));
                });
                tags[original] = tag;
            }

            return "/" + tag + "+" + match.Groups[2].Value;
        });
        var uuid = 0;
        text = XmpUuid().Replace(text, _ =>
        {
            var hash = SHA256.HashData([.. seed, (byte)uuid++]);
            return "uuid:" + new Guid(hash.AsSpan(0, 16)).ToString("D");
        });
        return Encoding.Latin1.GetBytes(text);
    }

    /// <summary>The trailer /ID: 16 bytes (as PDFsharp wants them, one char per byte) of a hash of the seal.</summary>
    private static string FileIdentifier(VisaDocument visa)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(visa.SealText));
        var chars = new char[16];
        for (var i = 0; i < chars.Length; i++)
            chars[i] = (char)hash[i];
        return new string(chars);
    }

    [GeneratedRegex(@"/([A-Z]{6})\+(DejaVu[#0-9A-Za-z,-]*)")]
    private static partial Regex SubsetTag();

    [GeneratedRegex("uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex XmpUuid();

    /// <summary>One page being drawn; holds the fonts, which PDFsharp caches across documents.</summary>
    private sealed class Layout(XGraphics gfx, VisaDocument visa)
    {
        private readonly XGraphics _gfx = gfx;
        private readonly VisaDocument _visa = visa;
        private readonly XBrush _ink = new XSolidBrush(Ink);
        private readonly XBrush _muted = new XSolidBrush(Muted);
        private readonly XBrush _accent = new XSolidBrush(Accent);

        public void Draw()
        {
            var y = DrawHeader(Margin);
            y = DrawFields(y + 16);
            y = DrawCheckpoints(y + 6);
            y = DrawStatements(y + 10);
            DrawMrz();
        }

        private double DrawHeader(double top)
        {
            _gfx.DrawRectangle(new XSolidBrush(Accent), 0, 0, PageWidth, 6);
            DrawFitted("ҚАЗАҚСТАН РЕСПУБЛИКАСЫ / РЕСПУБЛИКА КАЗАХСТАН / REPUBLIC OF KAZAKHSTAN",
                VisaFontResolver.Sans, XFontStyleEx.Bold, 10.5, _accent, Margin, top + 10, ContentWidth);
            DrawFitted("ВИЗА / ВИЗА / VISA", VisaFontResolver.Sans, XFontStyleEx.Bold, 24, _ink, Margin, top + 38, ContentWidth);
            DrawFitted("Электрондық виза / Электронная виза / Electronic visa",
                VisaFontResolver.Sans, XFontStyleEx.Regular, 11, _muted, Margin, top + 56, ContentWidth);
            var rule = top + 66;
            _gfx.DrawLine(new XPen(Accent, 1.2), Margin, rule, PageWidth - Margin, rule);
            return rule;
        }

        private double DrawFields(double top)
        {
            var v = _visa;
            (string Label, string Value)[] fields =
            [
                ("Тегі / Фамилия / Surname", v.Surname),
                ("Аты / Имя / Given names", v.GivenNames),
                ("Паспорт нөмірі / Номер паспорта / Passport number", v.PassportNumber),
                ("Азаматтығы / Гражданство / Nationality", v.Nationality),
                ("Туған күні / Дата рождения / Date of birth", Date(v.DateOfBirth)),
                ("Жынысы / Пол / Sex", SexText(v.Sex)),
                ("Виза нөмірі / Номер визы / Visa number", v.VisaNumber),
                ("Санаты / Категория / Category", CategoryText(v.Category)),
                ("Бастап жарамды / Действительна с / Valid from", Date(v.ValidFrom)),
                ("Дейін жарамды / Действительна до / Valid until", Date(v.ValidUntil)),
                ("Шақыру нөмірі / Номер приглашения / Invitation number", v.InvitationNumber),
                ("Берілген күні / Дата выдачи / Date of issue", Date(v.IssueDate)),
                ("Кіру саны / Количество въездов / Entries",
                    $"{v.Entries.ToString(CultureInfo.InvariantCulture)} — бір реттік / однократная / single entry"),
            ];

            const double qrSize = 150;
            const double gap = 14;
            const double rowHeight = 31;
            var columnWidth = (ContentWidth - qrSize - (2 * gap)) / 2;
            var y = top;
            for (var i = 0; i < fields.Length; i++)
            {
                var column = i % 2;
                var x = Margin + (column * (columnWidth + gap));
                var (label, value) = fields[i];
                // The last field (entries, R1) takes the whole width: its trilingual value is long.
                var last = i == fields.Length - 1;
                var width = last && column == 0 ? (2 * columnWidth) + gap : columnWidth;
                DrawFitted(label, VisaFontResolver.Sans, XFontStyleEx.Regular, 6.8, _muted, x, y + 8, width);
                DrawFitted(value, VisaFontResolver.Sans, XFontStyleEx.Bold, 11.5, _ink, x, y + 22, width);
                if (column == 1 || last)
                    y += rowHeight;
            }

            DrawSealCode(PageWidth - Margin - qrSize, top, qrSize);
            return Math.Max(y, top + qrSize + 24);
        }

        private void DrawSealCode(double x, double y, double size)
        {
            using var generator = new QRCodeGenerator();
            using var data = generator.CreateQrCode(_visa.SealText, QRCodeGenerator.ECCLevel.M);
            // The colour overload: the grayscale PNG of GetGraphic(4) is rejected by PDFsharp (DESIGN.md).
            var png = new PngByteQRCode(data).GetGraphic(4, [0, 0, 0], [255, 255, 255]);
            using var stream = new MemoryStream(png, writable: false);
            using var image = XImage.FromStream(stream);
            image.Interpolate = false;
            _gfx.DrawImage(image, x, y, size, size);
            DrawFitted("Тексеру коды / Код проверки / Verification code",
                VisaFontResolver.Sans, XFontStyleEx.Regular, 6.5, _muted, x, y + size + 9, size);
        }

        private double DrawCheckpoints(double top)
        {
            DrawFitted("Рұқсат етілген өткізу пункттері / Разрешённые пункты пропуска / Permitted checkpoints",
                VisaFontResolver.Sans, XFontStyleEx.Regular, 6.8, _muted, Margin, top + 8, ContentWidth);
            var y = top + 12;
            foreach (var checkpoint in _visa.Checkpoints)
            {
                DrawFitted(checkpoint.Code, VisaFontResolver.Sans, XFontStyleEx.Bold, 11.5, _ink, Margin, y + 11, 40);
                DrawFitted(checkpoint.NameKazakh, VisaFontResolver.Sans, XFontStyleEx.Regular, 8.5, _ink, Margin + 42, y + 9, ContentWidth - 42);
                DrawFitted(checkpoint.NameRussian, VisaFontResolver.Sans, XFontStyleEx.Regular, 8.5, _ink, Margin + 42, y + 20, ContentWidth - 42);
                DrawFitted(checkpoint.NameEnglish, VisaFontResolver.Sans, XFontStyleEx.Regular, 8.5, _ink, Margin + 42, y + 31, ContentWidth - 42);
                y += 38;
            }

            return y;
        }

        private double DrawStatements(double top)
        {
            // R12, in a tinted box so that a police or hotel clerk finds it.
            string[] exemption =
            [
                "Жарамды электрондық визасы бар шетелдіктер көші-қон органдарында тіркелуден босатылады.",
                "Иностранцы, имеющие действительную электронную визу, освобождаются от регистрации в органах миграционной службы.",
                "Holders of a valid e-visa are exempt from registration with the migration authorities.",
            ];
            var font = Font(VisaFontResolver.Sans, XFontStyleEx.Bold, 8.3);
            var boxHeight = 12 + (exemption.Sum(line => Wrap(line, font, ContentWidth - 16).Count) * 11);
            _gfx.DrawRectangle(new XPen(Accent, 0.8), new XSolidBrush(Pale), Margin, top, ContentWidth, boxHeight);
            var y = top + 14;
            foreach (var line in exemption)
                y = DrawWrapped(line, font, _ink, Margin + 8, y, ContentWidth - 16, 11);

            // R6, R10, R11: what the holder must know at the border.
            string[] notes =
            [
                "Виза тек иесіне және онда көрсетілген паспортпен жарамды; ұзартылмайды. Басып шығарып, шекарада паспортпен бірге көрсетіңіз.",
                "Виза действительна только для её владельца и с указанным в ней паспортом; не продлевается. Распечатайте её и предъявите вместе с паспортом на границе.",
                "Valid only for its holder and with the passport named on it; cannot be extended. Print it and present it with the passport at passport control.",
            ];
            var noteFont = Font(VisaFontResolver.Sans, XFontStyleEx.Regular, 7.3);
            y = top + boxHeight + 12;
            foreach (var line in notes)
                y = DrawWrapped(line, noteFont, _muted, Margin, y, ContentWidth, 9.5);
            return y;
        }

        private void DrawMrz()
        {
            const double size = 12;
            var font = Font(VisaFontResolver.Mono, XFontStyleEx.Regular, size);
            var width = _gfx.MeasureString(_visa.MrzLine1, font).Width;
            var boxTop = PageHeight - Margin - 48;
            _gfx.DrawLine(new XPen(Muted, 0.5) { DashStyle = XDashStyle.Dash }, Margin, boxTop, PageWidth - Margin, boxTop);
            var x = Margin + ((ContentWidth - width) / 2);
            _gfx.DrawString(_visa.MrzLine1, font, XBrushes.Black, x, boxTop + 20);
            _gfx.DrawString(_visa.MrzLine2, font, XBrushes.Black, x, boxTop + 38);
        }

        /// <summary>Draws one line on a baseline, shrinking the font (down to 60%) until it fits the width.</summary>
        private void DrawFitted(string text, string family, XFontStyleEx style, double size, XBrush brush, double x, double baseline, double width)
        {
            var font = Font(family, style, size);
            var measured = _gfx.MeasureString(text, font).Width;
            if (measured > width)
                font = Font(family, style, Math.Max(size * 0.6, size * width / measured));
            _gfx.DrawString(text, font, brush, x, baseline);
        }

        private double DrawWrapped(string text, XFont font, XBrush brush, double x, double baseline, double width, double leading)
        {
            foreach (var line in Wrap(text, font, width))
            {
                _gfx.DrawString(line, font, brush, x, baseline);
                baseline += leading;
            }

            return baseline;
        }

        private List<string> Wrap(string text, XFont font, double width)
        {
            var lines = new List<string>();
            var current = new StringBuilder();
            foreach (var word in text.Split(' '))
            {
                var candidate = current.Length == 0 ? word : current + " " + word;
                if (current.Length > 0 && _gfx.MeasureString(candidate, font).Width > width)
                {
                    lines.Add(current.ToString());
                    current.Clear().Append(word);
                }
                else
                {
                    current.Clear().Append(candidate);
                }
            }

            if (current.Length > 0)
                lines.Add(current.ToString());
            return lines;
        }

        private static XFont Font(string family, XFontStyleEx style, double size) => new(family, size, style, FontOptions);

        private static string Date(DateOnly date) => date.ToString(DateFormat, CultureInfo.InvariantCulture);

        private static string SexText(char sex) => sex switch
        {
            'M' => "Е / М / M",
            'F' => "Ә / Ж / F",
            _ => "X",
        };

        private static string CategoryText(VisaCategory category) => category switch
        {
            VisaCategory.Tourist => "туристік / туристическая / " + category.ToApiName(),
            VisaCategory.Business => "іскерлік / деловая / " + category.ToApiName(),
            VisaCategory.Medical => "емделу / лечебная / " + category.ToApiName(),
            _ => category.ToApiName(),
        };
    }
}
