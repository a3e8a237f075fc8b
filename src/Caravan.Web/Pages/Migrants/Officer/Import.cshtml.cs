using Caravan.Core.Data;
using Caravan.Core.Identity;
using Caravan.Core.Migrants.Import;
using Caravan.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Web.Pages.Migrants.Officer;

/// <summary>
/// One import's progress: rows per second, percentage and errors so far. While it runs the page refreshes itself
/// with a meta refresh, which needs no script. A stopped import (server restarted mid-way) can be resumed.
/// </summary>
[Authorize(Roles = Roles.Officer)]
public sealed class ImportModel(CaravanDbContext db, IImportStarter starter, TimeProvider time) : PageModel
{
    public const int ShownErrors = 200;

    public RegistryImport Import { get; private set; } = null!;

    public IReadOnlyList<RegistryImportError> Errors { get; private set; } = [];

    public bool Running => Import.Status is ImportStatus.Queued or ImportStatus.Loading or ImportStatus.Matching;

    public double Percent => Import.BytesTotal == 0 ? 0 : Math.Min(100, 100.0 * Import.BytesDone / Import.BytesTotal);

    public double RowsPerSecond
    {
        get
        {
            var end = Import.LoadedAt ?? time.GetUtcNow().UtcDateTime;
            var seconds = Import.StartedAt is { } start ? (end - start).TotalSeconds : 0;
            return seconds <= 0 ? 0 : (Import.RowsImported + Import.RowsFailed) / seconds;
        }
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var import = await db.Set<RegistryImport>().AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (import is null)
        {
            return NotFound();
        }

        Import = import;
        Errors = await db.Set<RegistryImportError>().AsNoTracking().Where(e => e.ImportId == id).OrderBy(e => e.Row).Take(ShownErrors).ToListAsync(cancellationToken);
        return Page();
    }

    /// <summary>Starts the job again; it carries on after the last committed batch.</summary>
    public async Task<IActionResult> OnPostResumeAsync(Guid id, CancellationToken cancellationToken)
    {
        var import = await db.Set<RegistryImport>().AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (import is null)
        {
            return NotFound();
        }

        if (import.Status != ImportStatus.Completed && import.FailureKey is null)
        {
            starter.Enqueue(id);
        }

        return Redirect($"/officer/persons/imports/{id}");
    }
}
