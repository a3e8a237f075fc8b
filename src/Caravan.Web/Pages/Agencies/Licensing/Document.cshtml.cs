using Caravan.Core.Agencies;
using Caravan.Core.Data;
using Caravan.Core.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Web.Pages.Agencies.Licensing;

/// <summary>
/// Serves an application document to an officer, always as a download: an uploaded file never renders in the
/// site's origin, so a crafted PDF or image cannot run script there.
/// </summary>
[Authorize(Roles = Roles.Officer)]
public sealed class DocumentModel(CaravanDbContext db, IDocumentStore store) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var document = await db.Set<LicenceDocument>().AsNoTracking()
            .Where(d => d.Id == id)
            .Join(db.Set<LicenceApplication>().Where(a => a.Status != ApplicationStatus.Draft), d => d.ApplicationId, a => a.Id, (d, _) => d)
            .SingleOrDefaultAsync(cancellationToken);
        if (document is null)
        {
            return NotFound();
        }

        Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return File(store.OpenRead(document.StorageKey), "application/octet-stream", document.FileName);
    }
}
