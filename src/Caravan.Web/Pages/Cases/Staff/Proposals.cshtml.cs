using Caravan.Core.Agencies;
using Caravan.Core.Cases;
using Caravan.Core.Identity;
using Caravan.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Web.Pages.Cases.Staff;

/// <summary>Sanction proposals raised by substantiated cases: licensing officers decide, the system never does.</summary>
[Authorize(Roles = Roles.Officer)]
public sealed class ProposalsModel(CaseQueries queries, CaseOutcomes outcomes, Caravan.Core.Data.CaravanDbContext db) : PageModel
{
    public IReadOnlyList<SanctionProposal> Proposals { get; private set; } = [];

    public IReadOnlyDictionary<Guid, (string Name, string? Licence)> Agencies { get; private set; } = new Dictionary<Guid, (string, string?)>();

    [BindProperty]
    public Guid ProposalId { get; set; }

    [BindProperty]
    public string? Decision { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var proposal = await db.Set<SanctionProposal>().FirstOrDefaultAsync(p => p.Id == ProposalId, cancellationToken);
        if (proposal is null)
        {
            return NotFound();
        }

        if (!Enum.TryParse<ProposalStatus>(Decision, out var decision) || decision == ProposalStatus.Open || !Enum.IsDefined(decision))
        {
            ModelState.AddModelError(nameof(Decision), "Proposals.Error.Decision");
        }

        if (string.IsNullOrWhiteSpace(Note) || Note.Length > 1000)
        {
            ModelState.AddModelError(nameof(Note), "Proposals.Error.Note");
        }

        if (ModelState.IsValid && await outcomes.DecideAsync(proposal, decision, Note!, User.GetUserId()!.Value, cancellationToken))
        {
            return Redirect("/cases/proposals");
        }

        if (ModelState.IsValid)
        {
            ModelState.AddModelError(string.Empty, "Proposals.Error.Decided");
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Proposals = await queries.ProposalsAsync(null, cancellationToken);
        var ids = Proposals.Select(p => p.AgencyId).Distinct().ToList();
        Agencies = await db.Set<Agency>().AsNoTracking().Where(a => ids.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, a => (a.Name, a.LicenceNumber), cancellationToken);
    }
}
