namespace Caravan.Core.Cases;

/// <summary>
/// What may be attached to a case: PDF, images and audio, judged by the file's first bytes, never by its name or
/// declared type. Archives and anything else are refused with a reason the uploader can act on.
/// </summary>
public static class AttachmentTypes
{
    public const int HeadLength = 16;

    /// <summary>The content type, or the resource key of the reason for refusing the file.</summary>
    public static (string? ContentType, string? ErrorKey) Check(ReadOnlySpan<byte> head, long length, long maxBytes)
    {
        if (length == 0)
        {
            return (null, "Cases.Attachment.Empty");
        }

        if (length > maxBytes)
        {
            return (null, "Cases.Attachment.TooLarge");
        }

        if (IsArchive(head))
        {
            return (null, "Cases.Attachment.Archive");
        }

        var type = Sniff(head);
        return type is null ? (null, "Cases.Attachment.Type") : (type, null);
    }

    public static string? Sniff(ReadOnlySpan<byte> head)
    {
        if (Data.DocumentTypes.Sniff(head) is { } document)
        {
            return document;
        }

        if (head.StartsWith("OggS"u8))
        {
            return "audio/ogg";
        }

        if (head.StartsWith("ID3"u8) || (head.Length > 1 && head[0] == 0xFF && (head[1] & 0xE0) == 0xE0 && (head[1] & 0x06) != 0))
        {
            return "audio/mpeg";
        }

        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8) && (head[8..11].SequenceEqual("M4A"u8) || head[8..12].SequenceEqual("isom"u8) || head[8..12].SequenceEqual("mp42"u8)))
        {
            return "audio/mp4";
        }

        if (head.StartsWith("#!AMR"u8))
        {
            return "audio/amr";
        }

        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WAVE"u8))
        {
            return "audio/wav";
        }

        return head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8) ? "image/webp" : null;
    }

    private static bool IsArchive(ReadOnlySpan<byte> head) =>
        head.StartsWith("PK"u8)
        || head.StartsWith("Rar!"u8)
        || head.StartsWith((ReadOnlySpan<byte>)[0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C])
        || head.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B])
        || head.StartsWith("BZh"u8)
        || head.StartsWith((ReadOnlySpan<byte>)[0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]);
}
