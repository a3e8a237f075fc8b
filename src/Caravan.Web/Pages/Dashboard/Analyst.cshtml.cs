using System.Globalization;
using Caravan.Core.Data;
using Caravan.Core.Identity;
using Caravan.Core.Reference;
using Caravan.Core.Vacancies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Web.Pages.Dashboard;

[Authorize(Roles = Roles.Analyst)]
public sealed class AnalystModel(CaravanDbContext db, Catalogue catalogue) : PageModel
{
    public IReadOnlyList<(string Country, int Vacancies, int Positions)> Destinations { get; private set; } = [];

    public IReadOnlyList<(string Major, int Positions)> ByMajorGroup { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var names = await catalogue.CountryNamesAsync(CultureInfo.CurrentUICulture.Name, cancellationToken);
        var published = await db.Set<Vacancy>().AsNoTracking().Where(v => v.Status == VacancyStatus.Published)
            .Select(v => new { v.DestinationCountry, v.IscoCode, v.Positions })
            .ToListAsync(cancellationToken);
        Destinations = published.GroupBy(v => v.DestinationCountry)
            .Select(g => (names.TryGetValue(g.Key, out var n) ? n : g.Key, g.Count(), g.Sum(v => v.Positions)))
            .OrderByDescending(r => r.Item3).ToList();
        ByMajorGroup = published.GroupBy(v => v.IscoCode[..1])
            .Select(g => (g.Key, g.Sum(v => v.Positions))).OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
    }
}
