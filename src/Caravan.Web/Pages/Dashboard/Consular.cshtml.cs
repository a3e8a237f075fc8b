using System.Globalization;
using Caravan.Core.Data;
using Caravan.Core.Identity;
using Caravan.Core.Reference;
using Caravan.Core.Vacancies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Web.Pages.Dashboard;

/// <summary>Consular officers work by destination: where the node's citizens are being recruited to.</summary>
[Authorize(Roles = Roles.ConsularOfficer)]
public sealed class ConsularModel(CaravanDbContext db, Catalogue catalogue) : PageModel
{
    public IReadOnlyList<(string Country, int Vacancies, int Positions)> Destinations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var names = await catalogue.CountryNamesAsync(CultureInfo.CurrentUICulture.Name, cancellationToken);
        var rows = await db.Set<Vacancy>().AsNoTracking().Where(v => v.Status == VacancyStatus.Published)
            .GroupBy(v => v.DestinationCountry)
            .Select(g => new { g.Key, Count = g.Count(), Positions = g.Sum(v => v.Positions) })
            .ToListAsync(cancellationToken);
        Destinations = rows.OrderByDescending(r => r.Positions)
            .Select(r => (names.TryGetValue(r.Key, out var n) ? n : r.Key, r.Count, r.Positions)).ToList();
    }
}
