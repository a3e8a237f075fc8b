using Caravan.Core.Identity;
using Caravan.Core.Migrants;
using Caravan.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caravan.Web.Pages.Migrants.Register;

/// <summary>Start of registration; or, when an officer already registered this phone number, claiming that record.</summary>
[Authorize(Roles = Roles.Migrant)]
public sealed class IndexModel(RegistryCommands registry, UserManager<CaravanUser> users) : PageModel
{
    public bool HasDraft { get; private set; }

    public bool CanClaim { get; private set; }

    [BindProperty]
    public string? BirthDay { get; set; }

    [BindProperty]
    public string? BirthMonth { get; set; }

    [BindProperty]
    public string? BirthYear { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostStartAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var person = await registry.DraftForUserAsync(user.Id, user.PhoneNumber, System.Globalization.CultureInfo.CurrentUICulture.Name, cancellationToken);
        return Redirect(person.Status == PersonStatus.Draft ? $"{RegistrationStepModel.StartPath}/{RegistrationSteps.Name}" : RegistrationStepModel.ProfilePath);
    }

    public async Task<IActionResult> OnPostClaimAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (await LoadAsync(cancellationToken) is { } other)
        {
            return other;
        }

        var claimable = user.PhoneNumber is null ? null : await registry.ClaimableAsync(user.PhoneNumber, cancellationToken);
        if (claimable is null)
        {
            return Redirect(RegistrationStepModel.StartPath);
        }

        if (!PersonInput.TryParseDate(BirthDay, BirthMonth, BirthYear, out var born))
        {
            ModelState.AddModelError("Birth", "Person.BirthDateInvalid");
            return Page();
        }

        if (!await registry.ClaimAsync(claimable, user.Id, born, cancellationToken))
        {
            // Same answer whatever was wrong, so the page cannot be used to guess a birth date bit by bit.
            ModelState.AddModelError("Birth", "Register.ClaimMismatch");
            return Page();
        }

        return Redirect(RegistrationStepModel.ProfilePath);
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        if (User.GetUserId() is not { } userId)
        {
            return Forbid();
        }

        var person = await registry.ForUserAsync(userId, cancellationToken);
        if (person is { Status: not PersonStatus.Draft })
        {
            return Redirect(RegistrationStepModel.ProfilePath);
        }

        HasDraft = person is not null;
        var user = await users.GetUserAsync(User);
        CanClaim = user?.PhoneNumber is { } phone && await registry.ClaimableAsync(phone, cancellationToken) is not null;
        return null;
    }
}
