using System.Globalization;
using Caravan.Core.Applications;
using Caravan.Core.Identity;
using Caravan.Core.Migrants;
using Caravan.Core.Node;
using Caravan.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Pages.Applications.Agency;

/// <summary>
/// The agency's applicants, newest first, by vacancy and status. Each name listed is a read of that person under the
/// consent they gave with the application, so it goes to their access log (once per five minutes per staff member).
/// </summary>
[Authorize(Roles = Roles.AgencyStaff)]
public sealed class IndexModel(ApplicationQueries queries, PersonAccessLog accessLog, IOptions<NodeOptions> node) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "vacancy")]
    public string? Vacancy { get; set; }

    [BindProperty(SupportsGet = true, Name = "status")]
    public JobApplicationStatus? Status { get; set; }

    public IReadOnlyList<ApplicationRow> Applications { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (User.GetAgencyId() is not { } agencyId)
        {
            return Forbid();
        }

        if (Status is { } s && !Enum.IsDefined(s))
        {
            Status = null;
        }

        Applications = await queries.ForAgencyAsync(agencyId, Vacancy, Status, CultureInfo.CurrentUICulture.Name, cancellationToken);
        var actor = RegistryActors.From(User, node.Value);
        foreach (var person in Applications.Where(a => a.ApplicantName is not null).Select(a => a.PersonId).Distinct())
        {
            await accessLog.RecordViewAsync(person, actor, AccessReasons.Application, cancellationToken);
        }

        return Page();
    }
}
