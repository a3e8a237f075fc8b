using Caravan.Core.Cases;
using Caravan.Core.Data;
using Caravan.Core.Identity;
using Caravan.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caravan.Web.Pages.Cases.Staff;

/// <summary>A team's queue: open cases, most urgent and nearest deadline first. Rows carry no Sensitive field.</summary>
[Authorize(Roles = Roles.CaseWorkers)]
public sealed class QueueModel(CaseQueries queries) : PageModel
{
    public IReadOnlyList<CaseTeam> Teams { get; private set; } = [];

    public CaseTeam? Team { get; private set; }

    public bool Mine { get; private set; }

    public bool IsSupervisor { get; private set; }

    public int PageNumber { get; private set; }

    public IReadOnlyList<QueueRow> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid? team, bool mine, int page, string? reference, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(reference))
        {
            var wanted = reference.Trim().ToUpperInvariant();
            return ReferenceCode.IsValid(wanted, CaseIntake.ReferencePrefix) ? Redirect($"/cases/{wanted}") : RedirectToPage(new { team, mine, notFound = true });
        }

        var userId = User.GetUserId()!.Value;
        var memberships = await queries.MembershipsAsync(userId, cancellationToken);
        var all = await queries.TeamsAsync(cancellationToken);
        Teams = all.Where(t => memberships.Any(m => m.TeamId == t.Id)).ToList();
        IsSupervisor = memberships.Any(m => m.IsSupervisor);
        Team = Teams.FirstOrDefault(t => t.Id == team) ?? (Teams.Count > 0 ? Teams[0] : null);
        Mine = mine;
        PageNumber = Math.Max(0, page);
        if (Team is not null)
        {
            Rows = await queries.QueueAsync(Team.Id, mine ? userId : null, PageNumber, cancellationToken);
        }

        return Page();
    }
}
