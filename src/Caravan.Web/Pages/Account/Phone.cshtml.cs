using System.ComponentModel.DataAnnotations;
using Caravan.Core.Identity;
using Caravan.Core.Messaging;
using Caravan.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Caravan.Web.Pages.Account;

/// <summary>
/// Migrants sign in, or start an account, with a phone number and a one-time code. The code comes from
/// Identity's phone token provider; the number is carried to the next step in protected TempData, never in the URL.
/// </summary>
[EnableRateLimiting(CaravanDefaults.CodeRateLimit)]
public sealed class PhoneModel(
    UserManager<CaravanUser> users,
    Outbox outbox,
    IHostEnvironment environment,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public const string PhoneKey = "signin-phone";

    [BindProperty]
    [Required(ErrorMessage = "Validation.PhoneRequired")]
    [StringLength(30, ErrorMessage = "Validation.PhoneFormat")]
    public string? Phone { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var phone = PhoneNumbers.Normalize(Phone);
        if (ModelState.IsValid && !PhoneNumbers.IsE164(phone))
        {
            ModelState.AddModelError(nameof(Phone), "Validation.PhoneFormat");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.FindByNameAsync(phone);
        if (user is not null && (!await users.IsInRoleAsync(user, Roles.Migrant) || (user.IsDemo && environment.IsProduction())))
        {
            // Staff accounts never sign in by phone; say nothing that tells the caller an account exists.
            TempData[PhoneKey] = phone;
            return RedirectToPage("/Account/Code");
        }

        if (user is null)
        {
            user = new CaravanUser { UserName = phone, PhoneNumber = phone, CountryCode = null };
            var created = await users.CreateAsync(user);
            if (!created.Succeeded)
            {
                ModelState.AddModelError(nameof(Phone), "Validation.PhoneFormat");
                return Page();
            }

            await users.AddToRoleAsync(user, Roles.Migrant);
        }

        if (await users.IsLockedOutAsync(user))
        {
            ModelState.AddModelError(string.Empty, "SignIn.LockedOut");
            return Page();
        }

        var code = await users.GenerateTwoFactorTokenAsync(user, TokenOptions.DefaultPhoneProvider);
        // A security message: sent even to someone who opted out of service messages. If the gateway is down the code
        // waits in the outbox and is retried; the person can ask again once the rate limit allows.
        var culture = System.Globalization.CultureInfo.CurrentUICulture.Name;
        await outbox.SendAsync(new MessageDraft(MessageChannel.Sms, phone, "Sms.Code", culture, l["Sms.Code", code], Security: true), HttpContext.RequestAborted);
        TempData[PhoneKey] = phone;
        return RedirectToPage("/Account/Code");
    }
}
