using Caravan.Core.Agencies;
using Caravan.Core.Data;
using Caravan.Core.Identity;
using Caravan.Core.Vacancies;
using Caravan.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Web.Pages.Dashboard;

[Authorize(Roles = Roles.AgencyStaff)]
public sealed class AgencyModel(CaravanDbContext db, VacancyQueries queries) : PageModel
{
    public Agency? Agency { get; private set; }

    public IReadOnlyList<Vacancy> Vacancies { get; private set; } = [];

    public DateOnly Today => queries.Today;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var agencyId = User.GetAgencyId();
        if (agencyId is null)
        {
            // An applicant's account has no agency until the licence is issued.
            return Redirect("/agencies/apply");
        }

        Agency = await db.Set<Agency>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == agencyId, cancellationToken);
        Vacancies = await queries.ListForAgencyAsync(agencyId.Value, cancellationToken);
        return Page();
    }
}
