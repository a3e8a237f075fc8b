using Caravan.Core.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caravan.Web.Pages.Dashboard;

/// <summary>Sends each user to their role's dashboard.</summary>
public sealed class IndexModel : PageModel
{
    public static readonly IReadOnlyList<(string Role, string Path)> ByRole =
    [
        (Roles.Admin, "/dashboard/admin"),
        (Roles.Officer, "/dashboard/officer"),
        (Roles.ConsularOfficer, "/dashboard/consular"),
        (Roles.HotlineOperator, "/cases"),
        (Roles.Trainer, "/training/trainer"),
        (Roles.Analyst, "/dashboard/analyst"),
        (Roles.Secretariat, "/region"),
        (Roles.AgencyStaff, "/dashboard/agency"),
        (Roles.Migrant, "/dashboard/migrant"),
    ];

    public IActionResult OnGet()
    {
        foreach (var (role, path) in ByRole)
        {
            if (User.IsInRole(role))
            {
                return LocalRedirect(path);
            }
        }

        return Forbid();
    }
}
