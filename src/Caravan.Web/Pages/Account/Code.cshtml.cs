using System.ComponentModel.DataAnnotations;
using Caravan.Core.Identity;
using Caravan.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Caravan.Web.Pages.Account;

[EnableRateLimiting(CaravanDefaults.CodeRateLimit)]
public sealed class CodeModel(UserManager<CaravanUser> users, SignInManager<CaravanUser> signIn, IHostEnvironment environment) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Validation.CodeRequired")]
    [RegularExpression(@"^\s*\d{6}\s*$", ErrorMessage = "Validation.CodeFormat")]
    public string? Code { get; set; }

    public string? MaskedPhone { get; private set; }

    public IActionResult OnGet()
    {
        var phone = TempData.Peek(PhoneModel.PhoneKey) as string;
        if (phone is null)
        {
            return RedirectToPage("/Account/Phone");
        }

        MaskedPhone = PhoneNumbers.Mask(phone);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var phone = TempData.Peek(PhoneModel.PhoneKey) as string;
        if (phone is null)
        {
            return RedirectToPage("/Account/Phone");
        }

        MaskedPhone = PhoneNumbers.Mask(phone);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.FindByNameAsync(phone);
        if (user is null || !await users.IsInRoleAsync(user, Roles.Migrant) || (user.IsDemo && environment.IsProduction()))
        {
            ModelState.AddModelError(nameof(Code), "Code.Wrong");
            return Page();
        }

        if (await users.IsLockedOutAsync(user))
        {
            ModelState.AddModelError(nameof(Code), "SignIn.LockedOut");
            return Page();
        }

        if (!await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultPhoneProvider, Code!.Trim()))
        {
            // Wrong codes count towards lockout, so six digits cannot be guessed by trying them all.
            await users.AccessFailedAsync(user);
            ModelState.AddModelError(nameof(Code), "Code.Wrong");
            return Page();
        }

        await users.ResetAccessFailedCountAsync(user);
        if (!user.PhoneNumberConfirmed)
        {
            user.PhoneNumberConfirmed = true;
            await users.UpdateAsync(user);
        }

        // A used code must not work twice: changing the security stamp invalidates it.
        await users.UpdateSecurityStampAsync(user);
        TempData.Remove(PhoneModel.PhoneKey);
        await signIn.SignInAsync(user, isPersistent: false);
        return LocalRedirect("/dashboard");
    }
}
