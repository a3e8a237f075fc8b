using Caravan.Core.Credentials;
using Caravan.Core.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caravan.Web.Pages.Verify;

/// <summary>
/// An officer revokes a certificate or departure card issued by mistake or obtained by fraud: find it by its code,
/// read what it says, give the reason. The code is posted, never put in the address. The change is audited.
/// </summary>
[Authorize(Roles = Roles.Officer)]
public sealed class RevokeModel(CredentialCommands credentials) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public Credential? Credential { get; private set; }

    public bool Revoked { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostFindAsync(CancellationToken cancellationToken)
    {
        await FindAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(CancellationToken cancellationToken)
    {
        if (!await FindAsync(cancellationToken))
        {
            return Page();
        }

        if (string.IsNullOrWhiteSpace(Reason))
        {
            ModelState.AddModelError(nameof(Reason), "Revoke.ReasonRequired");
            return Page();
        }

        if (Reason.Trim().Length > CredentialCommands.MaxReason)
        {
            ModelState.AddModelError(nameof(Reason), "Revoke.ReasonTooLong");
            return Page();
        }

        if (await credentials.RevokeAsync(Credential!.Code, Reason, cancellationToken) == RevokeResult.AlreadyRevoked)
        {
            ModelState.AddModelError(nameof(Code), "Revoke.AlreadyRevoked");
        }
        else
        {
            Revoked = true;
            Reason = null;
        }

        await FindAsync(cancellationToken);
        return Page();
    }

    private async Task<bool> FindAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Code))
        {
            ModelState.AddModelError(nameof(Code), "Revoke.CodeRequired");
            return false;
        }

        Credential = await credentials.FindAsync(Code, cancellationToken);
        if (Credential is null)
        {
            ModelState.AddModelError(nameof(Code), "Revoke.NotFound");
            return false;
        }

        Code = Credential.Code;
        return true;
    }
}
