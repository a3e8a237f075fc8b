using System.Globalization;
using Caravan.Core.Data;
using Caravan.Core.Identity;
using Caravan.Core.Reference;
using Caravan.Core.Vacancies;
using Caravan.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Web.Pages.Dashboard;

/// <summary>One of the agency's own vacancies, with the result of every check. Another agency's answers 404, so its existence does not leak.</summary>
[Authorize(Roles = Roles.AgencyStaff)]
public sealed class AgencyVacancyModel(CaravanDbContext db, VacancyCommands commands, Catalogue catalogue) : PageModel
{
    public Vacancy Vacancy { get; private set; } = null!;

    public IReadOnlyList<VacancyCheck> Checks { get; private set; } = [];

    public IReadOnlyDictionary<string, string> CountryNames { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        var agencyId = User.GetAgencyId();
        var vacancy = agencyId is null ? null : await db.Set<Vacancy>().AsNoTracking()
            .Include(v => v.Agency).ThenInclude(a => a!.Destinations).Include(v => v.Employer).Include(v => v.Costs).Include(v => v.Translations)
            .AsSplitQuery()
            .SingleOrDefaultAsync(v => v.Reference == reference && v.AgencyId == agencyId, cancellationToken);
        if (vacancy is null)
        {
            return NotFound();
        }

        Vacancy = vacancy;
        Checks = await commands.RecheckAsync(vacancy, cancellationToken);
        CountryNames = await catalogue.CountryNamesAsync(CultureInfo.CurrentUICulture.Name, cancellationToken);
        return Page();
    }
}
