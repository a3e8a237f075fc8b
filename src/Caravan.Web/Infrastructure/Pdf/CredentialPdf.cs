using PdfSharp.Drawing;
using PdfSharp.Pdf;
using QRCoder;

namespace Caravan.Web.Infrastructure.Pdf;

/// <summary>One row of a credential: a label and one or more values, each its own line.</summary>
public sealed record PdfRow(string Label, IReadOnlyList<string> Values);

/// <summary>The credential in one language: a heading, its rows and closing notes.</summary>
public sealed record PdfSection(string Heading, IReadOnlyList<PdfRow> Rows, IReadOnlyList<string> Notes);

/// <summary>A certificate or departure card to print: the code, the QR with the signed payload, one section per language.</summary>
public sealed record PdfSheet(string Title, string Code, string CodeLabel, string QrPayload, IReadOnlyList<PdfSection> Sections);

/// <summary>
/// Draws a credential as an A4 PDF with PDFsharp: the same content as its printable page, with the QR drawn as vector squares,
/// large enough to scan from paper. Text is wrapped by measuring words in the embedded font, and runs onto a new page when needed.
/// </summary>
public sealed class CredentialPdf(IWebHostEnvironment environment)
{
    private const double Margin = 50;
    private const double QrSize = 170;

    public byte[] Render(PdfSheet sheet)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        PdfFonts.EnsureLoaded(environment.WebRootFileProvider);
        using var document = new PdfDocument();
        document.Info.Title = $"{sheet.Title} {sheet.Code}";
        document.Info.Subject = sheet.Code;
        document.Info.Creator = "Caravan";
        var writer = new Writer(document);

        writer.Line(sheet.Title, writer.TitleFont, 8);
        using (var qr = QRCodeGenerator.GenerateQrCode(sheet.QrPayload, QRCodeGenerator.ECCLevel.L))
        {
            writer.Qr(qr, QrSize);
        }

        writer.Line($"{sheet.CodeLabel}: {sheet.Code}", writer.HeadingFont, 14);
        foreach (var section in sheet.Sections)
        {
            writer.Line(section.Heading, writer.HeadingFont, 6);
            foreach (var row in section.Rows)
            {
                writer.Line(row.Label, writer.LabelFont, 1);
                foreach (var value in row.Values)
                {
                    writer.Line(value, writer.BodyFont, 1);
                }

                writer.Space(5);
            }

            foreach (var note in section.Notes)
            {
                writer.Line(note, writer.SmallFont, 4);
            }

            writer.Space(14);
        }

        writer.Dispose();
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    /// <summary>Keeps the pen's position and starts a page when the next line would not fit.</summary>
    private sealed class Writer(PdfDocument document) : IDisposable
    {
        public XFont TitleFont { get; } = new(PdfFonts.Family, 18, XFontStyleEx.Bold);

        public XFont HeadingFont { get; } = new(PdfFonts.Family, 13, XFontStyleEx.Bold);

        public XFont LabelFont { get; } = new(PdfFonts.Family, 9, XFontStyleEx.Bold);

        public XFont BodyFont { get; } = new(PdfFonts.Family, 10.5, XFontStyleEx.Regular);

        public XFont SmallFont { get; } = new(PdfFonts.Family, 9, XFontStyleEx.Regular);

        private XGraphics? graphics;
        private PdfPage? page;
        private double y;

        private double Width => page!.Width.Point - (2 * Margin);

        public void Line(string text, XFont font, double after)
        {
            foreach (var line in Wrap(text, font))
            {
                var height = font.GetHeight();
                Room(height);
                graphics!.DrawString(line, font, XBrushes.Black, new XRect(Margin, y, Width, height), XStringFormats.TopLeft);
                y += height;
            }

            y += after;
        }

        /// <summary>The QR's modules as filled squares: vector, so it stays sharp at any print size.</summary>
        public void Qr(QRCodeData code, double size)
        {
            Room(size);
            var modules = code.ModuleMatrix;
            var cell = size / modules.Count;
            for (var row = 0; row < modules.Count; row++)
            {
                for (var column = 0; column < modules[row].Length; column++)
                {
                    if (modules[row][column])
                    {
                        graphics!.DrawRectangle(XBrushes.Black, Margin + (column * cell), y + (row * cell), cell, cell);
                    }
                }
            }

            y += size + 6;
        }

        public void Space(double points) => y += points;

        public void Dispose() => graphics?.Dispose();

        private void Room(double height)
        {
            if (graphics is not null && y + height <= page!.Height.Point - Margin)
            {
                return;
            }

            graphics?.Dispose();
            page = document.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            graphics = XGraphics.FromPdfPage(page);
            y = Margin;
        }

        /// <summary>Breaks text into lines that fit the column, splitting a word only when it is wider than the column.</summary>
        private IEnumerable<string> Wrap(string text, XFont font)
        {
            Room(0);
            var line = string.Empty;
            foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (Fits(candidate, font))
                {
                    line = candidate;
                    continue;
                }

                if (line.Length > 0)
                {
                    yield return line;
                }

                line = word;
                while (!Fits(line, font) && line.Length > 1)
                {
                    var cut = line.Length - 1;
                    while (cut > 1 && !Fits(line[..cut], font))
                    {
                        cut--;
                    }

                    yield return line[..cut];
                    line = line[cut..];
                }
            }

            if (line.Length > 0)
            {
                yield return line;
            }
        }

        private bool Fits(string text, XFont font) => graphics!.MeasureString(text, font).Width <= Width;
    }
}
