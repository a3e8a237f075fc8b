using Caravan.Core.Data;
using Caravan.Core.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Web.Pages.Dashboard;

[Authorize(Roles = Roles.Admin)]
public sealed class AdminModel(CaravanDbContext db) : PageModel
{
    public IReadOnlyList<(string Role, int Users)> UsersByRole { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var counts = await (from ur in db.UserRoles
                            join r in db.Roles on ur.RoleId equals r.Id
                            group ur by r.Name into g
                            select new { Role = g.Key!, Count = g.Count() }).ToListAsync(cancellationToken);
        UsersByRole = Roles.All.Select(r => (r, counts.FirstOrDefault(c => c.Role == r)?.Count ?? 0)).ToList();
    }
}
