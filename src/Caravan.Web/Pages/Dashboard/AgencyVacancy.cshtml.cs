using Caravan.Core.Identity;
using Caravan.Core.Vacancies;
using Caravan.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caravan.Web.Pages.Dashboard;

/// <summary>One of the agency's own vacancies. Another agency's answers 404, so its existence does not leak.</summary>
[Authorize(Roles = Roles.AgencyStaff)]
public sealed class AgencyVacancyModel(VacancyQueries queries) : PageModel
{
    public Vacancy Vacancy { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        var agencyId = User.GetAgencyId();
        var vacancy = agencyId is null ? null : await queries.ForAgencyAsync(agencyId.Value, reference, cancellationToken);
        if (vacancy is null)
        {
            return NotFound();
        }

        Vacancy = vacancy;
        return Page();
    }
}
