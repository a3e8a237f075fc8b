using Caravan.Core.Data;
using Caravan.Core.Identity;
using Caravan.Core.Migrants.Import;
using Caravan.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Web.Pages.Migrants.Officer;

/// <summary>Officers upload a national database extract (CSV) and follow its import.</summary>
[Authorize(Roles = Roles.Officer)]
[RequestSizeLimit(MaxBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxBytes)]
public sealed class ImportsModel(CaravanDbContext db, PersonImporter importer, IDocumentStore store, IImportStarter starter) : PageModel
{
    /// <summary>About two million rows of the documented columns; larger extracts go through the command line.</summary>
    public const long MaxBytes = 512L * 1024 * 1024;

    [BindProperty]
    public IFormFile? Upload { get; set; }

    public IReadOnlyList<RegistryImport> Imports { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), "Import.FileRequired");
        }
        else if (!Upload.FileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            ModelState.AddModelError(nameof(Upload), "Import.FileType");
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        await using var content = Upload!.OpenReadStream();
        var stored = await store.SaveAsync(content, cancellationToken);
        var import = await importer.CreateAsync(Upload.FileName, stored.StorageKey, stored.Sha256, stored.Length, User.GetUserId(), cancellationToken);
        starter.Enqueue(import.Id);
        return Redirect($"/officer/persons/imports/{import.Id}");
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Imports = await db.Set<RegistryImport>().AsNoTracking().OrderByDescending(i => i.CreatedAt).Take(50).ToListAsync(cancellationToken);
}
