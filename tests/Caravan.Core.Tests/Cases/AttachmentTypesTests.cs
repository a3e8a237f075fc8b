using System.Text;
using Caravan.Core.Cases;

namespace Caravan.Core.Tests.Cases;

public class AttachmentTypesTests
{
    private const long Max = 10 * 1024 * 1024;

    private static byte[] Ascii(string text) => Encoding.Latin1.GetBytes(text);

    private static byte[] Head(params byte[] start)
    {
        var head = new byte[AttachmentTypes.HeadLength];
        start.CopyTo(head, 0);
        return head;
    }

    public static TheoryData<byte[], string> Accepted => new()
    {
        { Ascii("%PDF-1.7\n%\u00E2\u00E3\u00CF\u00D3\n"), "application/pdf" },
        { Head(0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52), "image/png" },
        { Head(0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46), "image/jpeg" },
        { Ascii("OggS\0\u0002\0\0\0\0\0\0\0\0\0\0"), "audio/ogg" },
        { Ascii("ID3\u0004\0\0\0\0\0\u0023TSSE"), "audio/mpeg" },
        { Head(0xFF, 0xFB, 0x90, 0x64), "audio/mpeg" },
        { Ascii("\0\0\0\u0020ftypM4A \0\0\0\0"), "audio/mp4" },
        { Ascii("RIFF\u0024\u0008\0\0WAVEfmt "), "audio/wav" },
        { Ascii("#!AMR\n\u003C\u0048\u0077\u0054"), "audio/amr" },
    };

    public static TheoryData<byte[]> Archives => new()
    {
        Ascii("PK\u0003\u0004\u0014\0\0\0\u0008\0"),
        Ascii("Rar!\u001A\u0007\u0001\0"),
        Head(0x1F, 0x8B, 0x08, 0x00),
        Head(0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C, 0x00, 0x04),
    };

    public static TheoryData<byte[]> Unknown => new()
    {
        Ascii("MZ\u0090\0\u0003\0\0\0\u0004\0\0\0\u00FF\u00FF\0\0"),
        Ascii("<html><body>hi</body></html>"),
        Ascii("<!DOCTYPE html>\n<html>"),
        Ascii("just some text.."),
        Ascii("RIFF\u0024\u0008\0\0AVI LIST"),
        Head(0x25, 0x50, 0x44, 0x46),
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Pdf_images_and_audio_are_accepted_with_their_content_type(byte[] head, string contentType)
    {
        AttachmentTypes.Sniff(head).ShouldBe(contentType);
        AttachmentTypes.Check(head, 2048, Max).ShouldBe((contentType, null));
    }

    [Theory]
    [MemberData(nameof(Archives))]
    public void Archives_are_refused_with_their_own_reason(byte[] head)
    {
        var (type, error) = AttachmentTypes.Check(head, 2048, Max);
        type.ShouldBeNull();
        error.ShouldBe("Cases.Attachment.Archive");
    }

    [Theory]
    [MemberData(nameof(Unknown))]
    public void Anything_else_is_refused_as_the_wrong_type(byte[] head)
    {
        AttachmentTypes.Sniff(head).ShouldBeNull();
        var (type, error) = AttachmentTypes.Check(head, 2048, Max);
        type.ShouldBeNull();
        error.ShouldBe("Cases.Attachment.Type");
    }

    [Fact]
    public void The_name_of_the_type_must_sit_at_the_right_offset()
    {
        // "ftyp" must be at byte 4 and the brand at byte 8; "WAVE" must follow the RIFF size.
        AttachmentTypes.Sniff(Ascii("ftypM4A \0\0\0\0\0\0\0\0")).ShouldBeNull();
        AttachmentTypes.Sniff(Ascii("\0\0\0\u0020ftypqt  \0\0\0\0")).ShouldBeNull();
        AttachmentTypes.Sniff(Ascii("RIFFWAVE\0\0\0\0\0\0\0\0")).ShouldBeNull();
        AttachmentTypes.Sniff([]).ShouldBeNull();
    }

    [Fact]
    public void An_empty_file_is_refused_before_its_bytes_are_looked_at() =>
        AttachmentTypes.Check([], 0, Max).ShouldBe(((string?)null, "Cases.Attachment.Empty"));

    [Fact]
    public void A_file_over_the_limit_is_refused_even_when_its_type_is_fine()
    {
        var pdf = Ascii("%PDF-1.7\n");
        AttachmentTypes.Check(pdf, Max + 1, Max).ShouldBe(((string?)null, "Cases.Attachment.TooLarge"));
        AttachmentTypes.Check(pdf, Max, Max).ShouldBe(("application/pdf", (string?)null));
    }

    [Fact]
    public void Size_is_checked_before_archives()
    {
        var zip = Ascii("PK\u0003\u0004\u0014\0\0\0");
        AttachmentTypes.Check(zip, Max + 1, Max).Item2.ShouldBe("Cases.Attachment.TooLarge");
        AttachmentTypes.Check(zip, 0, Max).Item2.ShouldBe("Cases.Attachment.Empty");
    }
}
