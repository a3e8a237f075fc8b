using System.ComponentModel.DataAnnotations;
using Caravan.Core.Identity;
using Caravan.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Caravan.Web.Pages.Account;

[EnableRateLimiting(CaravanDefaults.SignInRateLimit)]
public sealed class SignInModel(
    SignInManager<CaravanUser> signIn,
    UserManager<CaravanUser> users,
    IHostEnvironment environment) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Validation.EmailRequired")]
    [EmailAddress(ErrorMessage = "Validation.EmailInvalid")]
    [StringLength(200, ErrorMessage = "Validation.TooLong")]
    public string? Email { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Validation.PasswordRequired")]
    [StringLength(200, ErrorMessage = "Validation.TooLong")]
    [DataType(DataType.Password)]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.FindByEmailAsync(Email!);
        if (user is null || user.PasswordHash is null || (user.IsDemo && environment.IsProduction()))
        {
            // The same words whether the account is unknown or the password wrong, so accounts cannot be probed.
            ModelState.AddModelError(string.Empty, "SignIn.Failed");
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(user, Password!, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(SafeReturnUrl());
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Account/TwoFactor", new { returnUrl = SafeReturnUrl() });
        }

        ModelState.AddModelError(string.Empty, result.IsLockedOut ? "SignIn.LockedOut" : "SignIn.Failed");
        return Page();
    }

    private string SafeReturnUrl() => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/dashboard";
}
