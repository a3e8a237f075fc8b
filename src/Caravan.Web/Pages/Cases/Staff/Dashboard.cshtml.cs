using Caravan.Core.Cases;
using Caravan.Core.Identity;
using Caravan.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caravan.Web.Pages.Cases.Staff;

/// <summary>A supervisor's view of their teams' open cases: by SLA state, category, team and age, and what was escalated.</summary>
[Authorize(Roles = Roles.CaseWorkers)]
public sealed class DashboardModel(CaseQueries queries) : PageModel
{
    public IReadOnlyList<DashboardCell> Cells { get; private set; } = [];

    public IReadOnlyList<CaseTeam> Teams { get; private set; } = [];

    public IReadOnlyList<QueueRow> Escalated { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var memberships = await queries.MembershipsAsync(User.GetUserId()!.Value, cancellationToken);
        var supervised = memberships.Where(m => m.IsSupervisor).Select(m => m.TeamId).ToList();
        if (supervised.Count == 0)
        {
            return Redirect("/account/denied");
        }

        Teams = (await queries.TeamsAsync(cancellationToken)).Where(t => supervised.Contains(t.Id)).ToList();
        Cells = await queries.DashboardAsync(supervised, cancellationToken);
        Escalated = await queries.EscalatedAsync(supervised, cancellationToken);
        return Page();
    }

    public int Count(Func<DashboardCell, bool> where) => Cells.Where(where).Sum(c => c.Count);
}
