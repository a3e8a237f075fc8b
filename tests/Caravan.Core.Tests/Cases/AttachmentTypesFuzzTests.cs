using System.Text;
using Caravan.Core.Cases;
using Caravan.Core.Data;
using Caravan.Core.Tests.Fuzz;

namespace Caravan.Core.Tests.Cases;

/// <summary>
/// Issue 18, fuzzing: uploads (case attachments, licence and applicant documents) are judged by their first bytes.
/// Generated files (PDFs, images, a zip bomb, PDF/ZIP/HTML polyglots, HTML named .pdf) are either refused with a
/// reason or given a type from the allowed list, and an archive or an HTML page is never taken for a document.
/// </summary>
public class AttachmentTypesFuzzTests
{
    private static readonly string[] Allowed = [DocumentTypes.Pdf, DocumentTypes.Png, DocumentTypes.Jpeg, "audio/ogg", "audio/mpeg", "audio/mp4", "audio/amr", "audio/wav", "image/webp"];

    private static readonly byte[][] Seeds =
    [
        Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"),
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0],
        [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 0x4A, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xFF, 0xD9],
        // A zip bomb's first bytes: a local file header of a deflated entry claiming 4 GB.
        [0x50, 0x4B, 0x03, 0x04, 20, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF],
        // Polyglots: a PDF that is also HTML, a zip that is also a PDF, an HTML page named .pdf.
        Encoding.ASCII.GetBytes("%PDF-1.4\n<html><script>alert(1)</script></html>\n%%EOF"),
        Encoding.ASCII.GetBytes("PK\u0003\u0004%PDF-1.4\n%%EOF"),
        Encoding.ASCII.GetBytes("<!DOCTYPE html><html><body onload=alert(1)>%PDF-1.4</body></html>"),
        Encoding.ASCII.GetBytes("GIF89a<svg onload=alert(1)>"),
    ];

    [Fact]
    public Task Generated_uploads_get_an_allowed_type_or_a_reason() =>
        FuzzRun.CasesAsync("uploads", Mutator.Count(), (m, i) => ("upload.bin", m.Random.Next(4) == 0 ? Seeds[i % Seeds.Length] : m.Bytes(Seeds[i % Seeds.Length])),
            (_, input) =>
            {
                Judge(input);
                return Task.CompletedTask;
            });

    public static TheoryData<string> Corpus => FuzzRun.Corpus("uploads");

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Committed_uploads_get_an_allowed_type_or_a_reason(string file) => Judge(FuzzRun.CorpusFile("uploads", file));

    private static void Judge(byte[] input)
    {
        var head = input.AsSpan(0, Math.Min(input.Length, AttachmentTypes.HeadLength));
        var (type, error) = AttachmentTypes.Check(head, input.LongLength, 10 * 1024 * 1024);
        (type is null).ShouldNotBe(error is null, "either a type or a reason");
        if (type is not null)
        {
            Allowed.ShouldContain(type);
        }

        if (input.AsSpan().StartsWith("PK"u8))
        {
            error.ShouldBe("Cases.Attachment.Archive", "an archive is refused as one, whatever follows its header");
        }

        if (input.AsSpan().TrimStart((byte)' ').StartsWith("<"u8))
        {
            type.ShouldBeNull("an HTML or XML page is never taken for a document or an image");
        }

        var document = DocumentTypes.Sniff(head);
        if (document is not null)
        {
            document.ShouldBeOneOf(DocumentTypes.Pdf, DocumentTypes.Png, DocumentTypes.Jpeg);
            type.ShouldBe(document, "an attachment and a document agree on what a file is");
        }
    }
}
