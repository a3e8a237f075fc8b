using System.Security.Cryptography;

namespace Caravan.Core.Data;

/// <summary>Where uploaded files are kept: outside the web root, under random names, never served directly.</summary>
public interface IDocumentStore
{
    Task<StoredDocument> SaveAsync(Stream content, CancellationToken cancellationToken = default);

    Stream OpenRead(string storageKey);

    void Delete(string storageKey);
}

public sealed record StoredDocument(string StorageKey, long Length, string Sha256);

public sealed class DocumentStoreOptions
{
    public const string Section = "Documents";

    /// <summary>A folder outside wwwroot; relative paths are taken from the content root.</summary>
    public string Path { get; set; } = "data/documents";

    public long MaxBytes { get; set; } = 5 * 1024 * 1024;
}

public sealed class FileSystemDocumentStore(string root) : IDocumentStore
{
    public async Task<StoredDocument> SaveAsync(Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        Directory.CreateDirectory(root);
        // The name is random so that nothing the uploader chose reaches the file system.
        var key = Guid.CreateVersion7().ToString("N");
        var path = PathFor(key);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long length = 0;
        var buffer = new byte[81920];
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, useAsync: true))
        {
            int read;
            while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                sha.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                length += read;
            }
        }

        return new StoredDocument(key, length, Convert.ToHexStringLower(sha.GetHashAndReset()));
    }

    public Stream OpenRead(string storageKey) => new FileStream(PathFor(storageKey), FileMode.Open, FileAccess.Read, FileShare.Read, 4096, useAsync: true);

    public void Delete(string storageKey) => File.Delete(PathFor(storageKey));

    private string PathFor(string key)
    {
        if (key.Length != 32 || !key.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException("Not a document key.", nameof(key));
        }

        return System.IO.Path.Combine(root, key);
    }
}

/// <summary>Accepts PDF, PNG and JPEG only, judged by the file's first bytes rather than its name or declared type.</summary>
public static class DocumentTypes
{
    public const string Pdf = "application/pdf";
    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";

    public static string? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("%PDF-"u8))
        {
            return Pdf;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return Png;
        }

        return head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? Jpeg : null;
    }
}
