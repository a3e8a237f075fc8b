using Caravan.Core.Identity;
using Caravan.Core.Identity.Staff;
using Caravan.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Caravan.Web.Pages.Account;

/// <summary>
/// The page an invitation link opens: the new staff member sets a password, then is signed in and sent to set up
/// two-step sign-in. A link that expired, was used or was replaced says so, and what to do.
/// </summary>
[EnableRateLimiting(CaravanDefaults.SignInRateLimit)]
public sealed class InvitationModel(StaffInvitations invitations, SignInManager<CaravanUser> signIn) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    public AcceptOutcome Outcome { get; private set; }

    public string? Email { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var (outcome, user) = await invitations.CheckAsync(id, Token, cancellationToken);
        Outcome = outcome;
        Email = outcome == AcceptOutcome.Accepted ? user?.Email : null;
        if (outcome != AcceptOutcome.Accepted)
        {
            // The refusal is audited when the form is sent; a page view alone writes nothing.
            Response.StatusCode = StatusCodes.Status410Gone;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        var (valid, invited) = await invitations.CheckAsync(id, Token, cancellationToken);
        if (valid != AcceptOutcome.Accepted)
        {
            // Accepting a dead link is refused, and the attempt is audited, whatever the form holds.
            Outcome = (await invitations.AcceptAsync(id, Token, Password ?? string.Empty, cancellationToken)).Outcome;
            Response.StatusCode = StatusCodes.Status410Gone;
            return Page();
        }

        Outcome = valid;
        Email = invited?.Email;
        if (string.IsNullOrEmpty(Password))
        {
            ModelState.AddModelError(nameof(Password), "Validation.PasswordRequired");
        }
        else if (Password != ConfirmPassword)
        {
            ModelState.AddModelError(nameof(ConfirmPassword), "Staff.PasswordsDiffer");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await invitations.AcceptAsync(id, Token, Password!, cancellationToken);
        Outcome = result.Outcome;
        if (result.Outcome == AcceptOutcome.PasswordRejected)
        {
            Outcome = AcceptOutcome.Accepted;
            Email = result.User?.Email;
            ModelState.AddModelError(nameof(Password), "Staff.PasswordWeak");
            return Page();
        }

        if (result.Outcome != AcceptOutcome.Accepted)
        {
            Response.StatusCode = StatusCodes.Status410Gone;
            return Page();
        }

        await signIn.SignInAsync(result.User!, isPersistent: false);
        return Redirect(StaffTwoFactorGate.SetUpPath + "?welcome=true");
    }
}
