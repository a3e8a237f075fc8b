using Caravan.Core.Agencies;
using Caravan.Core.Data;
using Caravan.Core.Identity;
using Caravan.Core.Node;
using Caravan.Core.Vacancies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Pages.Dashboard;

/// <summary>A ministry officer sees the registries of their own node only.</summary>
[Authorize(Roles = Roles.Officer)]
public sealed class OfficerModel(CaravanDbContext db, IOptions<NodeOptions> node) : PageModel
{
    public IReadOnlyList<Agency> Agencies { get; private set; } = [];

    public int PublishedVacancies { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var country = node.Value.Country;
        Agencies = await db.Set<Agency>().AsNoTracking().Where(a => a.CountryCode == country).OrderBy(a => a.Name).ToListAsync(cancellationToken);
        PublishedVacancies = await db.Set<Vacancy>().CountAsync(v => v.Status == VacancyStatus.Published && v.Agency!.CountryCode == country, cancellationToken);
    }
}
