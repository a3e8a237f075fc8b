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

/// <summary>
/// One staff account: its access, switching it off or on, and resetting two-step sign-in. Every form carries the
/// account's concurrency stamp, so an administrator is told when a colleague changed the account first.
/// </summary>
[Authorize(Roles = Roles.Admin)]
public sealed class DetailsModel(StaffDirectory directory, StaffAccounts accounts, StaffInvitations invitations, IOptions<NodeOptions> node, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public StaffAccessForm Access { get; set; } = new();

    [BindProperty]
    public string? Stamp { get; set; }

    public StaffDetails Account { get; private set; } = null!;

    public StaffAccessView View { get; private set; } = null!;

    public bool Self { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, fillForm: true, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAccessAsync(Guid id, CancellationToken cancellationToken)
    {
        var (result, problems) = await accounts.ChangeAccessAsync(Admin, id, Stamp, Access.ToAccess(), cancellationToken);
        foreach (var p in problems)
        {
            ModelState.AddModelError("Access." + p.Field, p.Key);
        }

        return await AfterAsync(id, result, "Staff.Saved", cancellationToken);
    }

    public async Task<IActionResult> OnPostDeactivateAsync(Guid id, CancellationToken cancellationToken) =>
        await AfterAsync(id, await accounts.DeactivateAsync(Admin, id, Stamp, cancellationToken), "Staff.Deactivated", cancellationToken);

    public async Task<IActionResult> OnPostReactivateAsync(Guid id, CancellationToken cancellationToken) =>
        await AfterAsync(id, await accounts.ReactivateAsync(id, Stamp, cancellationToken), "Staff.Reactivated", cancellationToken);

    public async Task<IActionResult> OnPostResetTwoFactorAsync(Guid id, CancellationToken cancellationToken) =>
        await AfterAsync(id, await accounts.ResetTwoFactorAsync(id, Stamp, cancellationToken), "Staff.TwoFactorReset", cancellationToken);

    public async Task<IActionResult> OnPostResendAsync(Guid id, CancellationToken cancellationToken)
    {
        var sent = await invitations.ResendAsync(id, Admin, InvitationMail.In(CultureInfo.CurrentUICulture.Name, l, node.Value), cancellationToken);
        return await AfterAsync(id, sent is null ? StaffChange.Invalid : StaffChange.Done, "Staff.InvitationResent", cancellationToken);
    }

    private Guid Admin => User.GetUserId() ?? Guid.Empty;

    private async Task<IActionResult> AfterAsync(Guid id, StaffChange result, string doneKey, CancellationToken cancellationToken)
    {
        switch (result)
        {
            case StaffChange.Done:
                TempData["Staff.Done"] = doneKey;
                return Redirect($"/admin/users/{id}");
            case StaffChange.NotFound:
                return NotFound();
            case StaffChange.Conflict:
                ModelState.AddModelError(string.Empty, "Staff.Conflict");
                // Show the account as it is now, so the administrator decides again on what someone else saved.
                return await LoadAsync(id, fillForm: true, cancellationToken) ? Page() : NotFound();
            case StaffChange.OwnAccount:
                ModelState.AddModelError(string.Empty, "Staff.OwnAccount");
                break;
            case StaffChange.LastAdministrator:
                ModelState.AddModelError(string.Empty, "Staff.LastAdministrator");
                break;
            case StaffChange.Invalid:
                if (ModelState.IsValid)
                {
                    ModelState.AddModelError(string.Empty, "Staff.NotChanged");
                }

                break;
        }

        return await LoadAsync(id, fillForm: false, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, bool fillForm, CancellationToken cancellationToken)
    {
        var account = await directory.GetAsync(id, cancellationToken);
        if (account is null)
        {
            return false;
        }

        Account = account;
        Self = id == Admin;
        Stamp = account.User.ConcurrencyStamp;
        if (fillForm)
        {
            Access = new StaffAccessForm
            {
                Roles = [.. account.Roles],
                AgencyId = account.User.AgencyId,
                CountryCode = account.User.CountryCode ?? node.Value.Country,
                TeamIds = [.. account.TeamIds],
            };
            ModelState.Remove("Stamp");
        }

        var (agencies, teams) = await directory.ChoicesAsync(cancellationToken);
        View = new StaffAccessView(Access, agencies, teams);
        return true;
    }
}
