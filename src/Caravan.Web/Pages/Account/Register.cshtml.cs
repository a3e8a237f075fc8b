using System.ComponentModel.DataAnnotations;
using Caravan.Core.Identity;
using Caravan.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Caravan.Web.Pages.Account;

/// <summary>
/// An agency that wants a licence creates its first staff account here. The account sees nothing but its own
/// application until an officer issues the licence and links it to the new agency.
/// </summary>
[EnableRateLimiting(CaravanDefaults.SignInRateLimit)]
public sealed class RegisterModel(UserManager<CaravanUser> users, SignInManager<CaravanUser> signIn) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Register.NameRequired")]
    [StringLength(120, ErrorMessage = "Validation.TooLong")]
    public string? DisplayName { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Validation.EmailRequired")]
    [EmailAddress(ErrorMessage = "Validation.EmailInvalid")]
    [StringLength(200, ErrorMessage = "Validation.TooLong")]
    public string? Email { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Validation.PasswordRequired")]
    [StringLength(200, MinimumLength = 12, ErrorMessage = "Register.PasswordLength")]
    public string? Password { get; set; }

    [BindProperty]
    [Compare(nameof(Password), ErrorMessage = "Register.PasswordMismatch")]
    public string? ConfirmPassword { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = new CaravanUser { UserName = Email!.Trim(), Email = Email.Trim(), DisplayName = DisplayName!.Trim() };
        var created = await users.CreateAsync(user, Password!);
        if (!created.Succeeded)
        {
            // Identity's own codes are mapped to our words; an existing email gets the same answer as any
            // other refusal would reveal, so say only what the applicant can act on.
            foreach (var error in created.Errors)
            {
                var key = error.Code switch
                {
                    nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName) => "Register.EmailTaken",
                    nameof(IdentityErrorDescriber.InvalidEmail) or nameof(IdentityErrorDescriber.InvalidUserName) => "Validation.EmailInvalid",
                    _ => "Register.PasswordWeak",
                };
                var field = key == "Register.PasswordWeak" ? nameof(Password) : nameof(Email);
                if (ModelState[field]?.Errors.Any(e => e.ErrorMessage == key) != true)
                {
                    ModelState.AddModelError(field, key);
                }
            }

            return Page();
        }

        await users.AddToRoleAsync(user, Roles.AgencyStaff);
        await signIn.SignInAsync(user, isPersistent: false);
        return Redirect("/agencies/apply");
    }
}
