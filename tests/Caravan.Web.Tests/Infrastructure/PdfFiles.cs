using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using PdfSharp.Pdf.IO;

namespace Caravan.Web.Tests.Infrastructure;

/// <summary>Opens a PDF response with PDFsharp's reader and checks what a printed credential needs.</summary>
public static class PdfFiles
{
    /// <summary>Asserts a readable A4 PDF named after the code, with the code in its metadata and the embedded font.</summary>
    public static async Task ShouldBeCredentialPdfAsync(this HttpResponseMessage response, string code)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe(code + ".pdf");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Encoding.ASCII.GetString(bytes, 0, 5).ShouldBe("%PDF-");
        using var document = PdfReader.Open(new MemoryStream(bytes), PdfDocumentOpenMode.Import);
        document.PageCount.ShouldBeGreaterThanOrEqualTo(1);
        document.Info.Subject.ShouldBe(code);
        document.Pages[0].Width.Point.ShouldBe(595, tolerance: 1);
        // Latin-1 keeps every byte as one char, so the PDF's ASCII keywords can be searched in binary content.
        var raw = Encoding.Latin1.GetString(bytes);
        // The text is set in the embedded DejaVu subset (a six-letter tag, then the name), not a standard PDF font.
        Regex.IsMatch(raw, @"/BaseFont/[A-Z]{6}\+DejaVu#20Sans[/,]").ShouldBeTrue();
    }
}
