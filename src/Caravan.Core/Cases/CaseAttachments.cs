using Caravan.Core.Data;
using Caravan.Core.Migrants;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Cases;

/// <summary>Documents on a case: stored encrypted under a random name, read back only for someone who may open the file.</summary>
public sealed class CaseAttachments(CaravanDbContext db, SensitiveData sensitive, IDocumentStore documents, CaseTimeline timeline, TimeProvider time)
{
    /// <summary>Stores an attachment already checked by <see cref="AttachmentTypes.Check"/>: encrypted, under a random name.</summary>
    public async Task<CaseAttachment> AttachAsync(LegalCase c, byte[] content, string contentType, string fileName, RegistryActor? actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(content);
        await using var cipher = new MemoryStream(sensitive.Protect(content));
        var stored = await documents.SaveAsync(cipher, cancellationToken);
        var attachment = new CaseAttachment
        {
            CaseId = c.Id,
            StorageKey = stored.StorageKey,
            ContentType = contentType,
            Length = content.LongLength,
            FileNameCipher = sensitive.Protect(Path.GetFileName(fileName ?? string.Empty)),
            UploadedAt = time.GetUtcNow().UtcDateTime,
            FromReporter = actor is null,
        };
        db.Add(attachment);
        var entry = timeline.Event(c, CaseEventKind.Attachment, actor, null, contentType);
        entry.FromReporter = actor is null;
        entry.AttachmentId = attachment.Id;
        db.Add(entry);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            documents.Delete(stored.StorageKey);
            throw;
        }

        return attachment;
    }

    /// <summary>The decrypted bytes of an attachment, for someone who may open the case file.</summary>
    public async Task<(CaseAttachment Attachment, byte[] Content, string FileName)?> ReadAttachmentAsync(LegalCase c, Guid attachmentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(c);
        var attachment = await db.Set<CaseAttachment>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == attachmentId && a.CaseId == c.Id, cancellationToken);
        if (attachment is null)
        {
            return null;
        }

        await using var stream = documents.OpenRead(attachment.StorageKey);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return (attachment, sensitive.Unprotect(buffer.ToArray()), sensitive.Unprotect(attachment.FileNameCipher));
    }
}
