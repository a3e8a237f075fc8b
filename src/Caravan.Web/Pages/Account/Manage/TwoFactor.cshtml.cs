using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;
using Caravan.Core.Identity;
using Caravan.Core.Node;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using QRCoder;

namespace Caravan.Web.Pages.Account.Manage;

/// <summary>
/// Staff turn on two-step sign-in with an authenticator app, using Identity's authenticator token provider.
/// The key is shown as text and as a QR code image (a data: URL, which the CSP allows, unlike inline SVG styles).
/// </summary>
public sealed class TwoFactorModel(UserManager<CaravanUser> users, SignInManager<CaravanUser> signIn, IOptions<NodeOptions> node) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Validation.CodeRequired")]
    [RegularExpression(@"^\s*\d{6}\s*$", ErrorMessage = "Validation.CodeFormat")]
    public string? Code { get; set; }

    public bool Enabled { get; private set; }

    public string SharedKey { get; private set; } = string.Empty;

    public string QrCodeDataUrl { get; private set; } = string.Empty;

    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null || user.PasswordHash is null)
        {
            return NotFound();
        }

        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null || user.PasswordHash is null)
        {
            return NotFound();
        }

        if (ModelState.IsValid && !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, Code!.Trim()))
        {
            ModelState.AddModelError(nameof(Code), "TwoFactor.Failed");
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(user);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 8))?.ToList() ?? [];
        await signIn.RefreshSignInAsync(user);
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null || user.PasswordHash is null)
        {
            return NotFound();
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        // A new key, so a phone that held the old one can no longer produce valid codes.
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
        return RedirectToPage();
    }

    private async Task LoadAsync(CaravanUser user)
    {
        Enabled = await users.GetTwoFactorEnabledAsync(user);
        if (Enabled)
        {
            return;
        }

        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            // A new key changes the security stamp, which every request checks: reissue the cookie or the next page signs the user out.
            await signIn.RefreshSignInAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }

        SharedKey = Group(key!);
        var issuer = Uri.EscapeDataString(node.Value.DisplayName);
        var uri = $"otpauth://totp/{issuer}:{Uri.EscapeDataString(user.Email ?? user.UserName ?? "user")}?secret={key}&issuer={issuer}&digits=6";
        using var data = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        QrCodeDataUrl = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(5));
    }

    private static string Group(string key)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            sb.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return sb.ToString().TrimEnd().ToLower(CultureInfo.InvariantCulture);
    }
}
