using Caravan.Core.Migrants;
using Caravan.Core.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caravan.Web.Pages.Dashboard;

/// <summary>A migrant sees only their own account.</summary>
[Authorize(Roles = Roles.Migrant)]
public sealed class MigrantModel(UserManager<CaravanUser> users, RegistryCommands registry) : PageModel
{
    public string MaskedPhone { get; private set; } = string.Empty;

    public string? DisplayName { get; private set; }

    /// <summary>Whether the account has a registry record yet; if not, the page invites the person to register.</summary>
    public bool Registered { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        MaskedPhone = PhoneNumbers.Mask(user.PhoneNumber ?? string.Empty);
        DisplayName = user.DisplayName;
        Registered = await registry.ForUserAsync(user.Id, HttpContext.RequestAborted) is { Status: not PersonStatus.Draft };
        return Page();
    }
}
