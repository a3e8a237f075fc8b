using Caravan.Core.Agencies;
using Caravan.Core.Data;
using Caravan.Core.Identity;
using Caravan.Core.Node;
using Caravan.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Pages.Agencies.Licensing;

/// <summary>An officer verifies or blacklists a foreign employer, giving reasons that agencies see.</summary>
[Authorize(Roles = Roles.Officer)]
public sealed class EmployerModel(EmployerCommands employers, CaravanDbContext db, IOptions<NodeOptions> node) : PageModel
{
    public ForeignEmployer Employer { get; private set; } = null!;

    [BindProperty]
    public EmployerStatus? Status { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    /// <summary>The record's version when the form was shown (<see cref="SeenVersion"/>).</summary>
    [BindProperty]
    public Guid? Version { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (SeenVersion.IsStale(ModelState, Employer, Version))
        {
            return Page();
        }

        if (Status is not (EmployerStatus.Verified or EmployerStatus.Blacklisted))
        {
            ModelState.AddModelError(nameof(Status), "Employers.StatusRequired");
        }

        var reason = Reasons.Read(ModelState, nameof(Reason), Reason);

        if (!ModelState.IsValid)
        {
            return Page();
        }

        await employers.SetStatusAsync(id, node.Value.Country, Status!.Value, reason!, cancellationToken);
        return Redirect("/officer/employers");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var country = node.Value.Country;
        var employer = await db.Set<ForeignEmployer>().AsNoTracking().Include(e => e.Agency)
            .SingleOrDefaultAsync(e => e.Id == id && e.Agency!.CountryCode == country, cancellationToken);
        if (employer is null)
        {
            return false;
        }

        Employer = employer;
        return true;
    }
}
