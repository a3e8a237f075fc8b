using System.Globalization;
using Caravan.Core.Credentials;
using Caravan.Core.Reference;
using Caravan.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Caravan.Web.Pages.Verify;

/// <summary>
/// The public verification page for departure cards and training certificates: a typed code or the text of the QR
/// (a signed payload) in, "valid", "revoked" or "unknown" out, with initials, subject and date and nothing more.
/// Posted, not put in the address, so payloads never land in logs or browser history.
/// </summary>
[EnableRateLimiting(CaravanPolicies.Verification)]
public sealed class IndexModel(CredentialVerifier verifier, Catalogue catalogue) : PageModel
{
    public const int MaxInput = 8_000;

    [BindProperty(Name = "value")]
    public string? Value { get; set; }

    public Verification? Result { get; private set; }

    public IReadOnlyDictionary<string, string> CountryNames { get; private set; } = new Dictionary<string, string>();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Value))
        {
            ModelState.AddModelError("value", "Verify.Error.Empty");
            return Page();
        }

        if (Value.Length > MaxInput)
        {
            ModelState.AddModelError("value", "Verify.Error.TooLong");
            return Page();
        }

        Result = await verifier.VerifyAsync(Value, cancellationToken);
        CountryNames = await catalogue.CountryNamesAsync(CultureInfo.CurrentUICulture.Name, cancellationToken);
        return Page();
    }
}
