using Caravan.Core.Agencies;
using Caravan.Core.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Pages.Agencies.Apply;

/// <summary>Supporting documents: PDF or images, judged by their bytes, stored outside the web root under random names.</summary>
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public sealed class DocumentsModel(LicensingCommands licensing, IDocumentStore store, IOptions<DocumentStoreOptions> options, TimeProvider time)
    : ApplicationStepModel(licensing)
{
    /// <summary>Twice the largest allowed file, so a file a little too big gets a clear message rather than a 413 page.</summary>
    public const long MaxRequestBytes = 12 * 1024 * 1024;
    public const int MaxDocuments = 10;

    public long MaxBytes => options.Value.MaxBytes;

    protected override string StepName => LicenceSteps.Documents;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? document, CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } other)
        {
            return other;
        }

        if (document is null || document.Length == 0)
        {
            ModelState.AddModelError("document", "Apply.DocumentRequired");
            return Page();
        }

        if (document.Length > MaxBytes)
        {
            ModelState.AddModelError("document", "Apply.DocumentTooLarge");
            return Page();
        }

        if (Application.Documents.Count >= MaxDocuments)
        {
            ModelState.AddModelError("document", "Apply.DocumentTooMany");
            return Page();
        }

        await using var stream = document.OpenReadStream();
        var head = new byte[8];
        var read = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        var type = DocumentTypes.Sniff(head.AsSpan(0, read));
        if (type is null)
        {
            ModelState.AddModelError("document", "Apply.DocumentType");
            return Page();
        }

        stream.Position = 0;
        var stored = await store.SaveAsync(stream, cancellationToken);
        var row = new LicenceDocument
        {
            ApplicationId = Application.Id,
            FileName = SafeName(document.FileName),
            ContentType = type,
            Length = stored.Length,
            StorageKey = stored.StorageKey,
            Sha256 = stored.Sha256,
            UploadedAt = time.GetUtcNow().UtcDateTime,
        };
        try
        {
            await Commands.AddDocumentAsync(Application, row, cancellationToken);
        }
        catch
        {
            // The row did not land, so the file must not linger either.
            store.Delete(stored.StorageKey);
            throw;
        }

        return Redirect($"{StartPath}/{LicenceSteps.Documents}{(Change ? "?change=true" : string.Empty)}");
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } other)
        {
            return other;
        }

        var document = Application.Documents.SingleOrDefault(d => d.Id == id);
        if (document is null)
        {
            return NotFound();
        }

        Application.Documents.Remove(document);
        await Commands.SaveAsync(cancellationToken);
        store.Delete(document.StorageKey);
        return Redirect($"{StartPath}/{LicenceSteps.Documents}{(Change ? "?change=true" : string.Empty)}");
    }

    public async Task<IActionResult> OnPostContinueAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } other)
        {
            return other;
        }

        if (Application.Documents.Count == 0)
        {
            ModelState.AddModelError("document", "Apply.DocumentsNone");
            return Page();
        }

        return await SaveAndContinueAsync(cancellationToken);
    }

    /// <summary>The name shown to officers: the last path segment, without control characters, at most 200 characters.</summary>
    private static string SafeName(string? name)
    {
        var last = Path.GetFileName(name ?? string.Empty);
        var clean = new string(last.Where(c => !char.IsControl(c)).ToArray()).Trim();
        return clean.Length == 0 ? "document" : clean[..Math.Min(clean.Length, 200)];
    }
}
