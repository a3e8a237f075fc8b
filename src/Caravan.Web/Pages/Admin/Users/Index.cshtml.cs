using Caravan.Core.Identity;
using Caravan.Core.Identity.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caravan.Web.Pages.Admin.Users;

/// <summary>Staff accounts: search by name or e-mail, filter by role and state; and the node's two-step sign-in rule.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class IndexModel(StaffDirectory directory, StaffPolicies policies) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Role { get; set; }

    [BindProperty(SupportsGet = true)]
    public StaffState? State { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    [BindProperty]
    public bool RequireTwoFactor { get; set; }

    public IReadOnlyList<StaffRow> Rows { get; private set; } = [];

    public int Total { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        PageNumber = Math.Clamp(PageNumber, 1, 10_000);
        if (Role is not null && !StaffScope.Grantable.Contains(Role))
        {
            Role = null;
        }

        (var rows, Total) = await directory.SearchAsync(Query, Role, State, PageNumber, cancellationToken);
        Rows = rows;
        RequireTwoFactor = await policies.RequireTwoFactorAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostPolicyAsync(CancellationToken cancellationToken)
    {
        await policies.SetRequireTwoFactorAsync(RequireTwoFactor, cancellationToken);
        TempData["Staff.Policy"] = true;
        return Redirect("/admin/users");
    }

    public string PageLink(int page) =>
        $"/admin/users?q={Uri.EscapeDataString(Query ?? string.Empty)}&role={Role}&state={State}&page={page}";
}
