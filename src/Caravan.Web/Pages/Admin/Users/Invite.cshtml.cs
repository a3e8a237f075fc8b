using System.Globalization;
using Caravan.Core.Identity;
using Caravan.Core.Identity.Staff;
using Caravan.Core.Node;
using Caravan.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Pages.Admin.Users;

/// <summary>Invites a staff member by e-mail: the account exists from now, but no one can use it until the link sets a password.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class InviteModel(StaffInvitations invitations, StaffDirectory directory, IOptions<NodeOptions> node, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public StaffAccessForm Access { get; set; } = new();

    public StaffAccessView View { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Access.CountryCode = node.Value.Country;
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var (invitation, problems) = await invitations.InviteAsync(Email, DisplayName, Access.ToAccess(), User.GetUserId(),
            InvitationMail.In(CultureInfo.CurrentUICulture.Name, l, node.Value), cancellationToken);
        if (invitation is null)
        {
            foreach (var p in problems)
            {
                ModelState.AddModelError(p.Field is "Email" or "DisplayName" ? p.Field : "Access." + p.Field, p.Key);
            }

            await LoadAsync(cancellationToken);
            return Page();
        }

        TempData["Staff.Invited"] = invitation.User.Email;
        return Redirect($"/admin/users/{invitation.User.Id}");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var (agencies, teams) = await directory.ChoicesAsync(cancellationToken);
        View = new StaffAccessView(Access, agencies, teams);
    }
}
