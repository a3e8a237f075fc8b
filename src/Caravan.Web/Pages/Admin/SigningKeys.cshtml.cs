using Caravan.Core.Signing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Pages.Admin;

/// <summary>The node's signing keys, and rotation: a new key signs from now on, the old one verifies through its overlap.</summary>
public sealed class SigningKeysModel(NodeKeyRing keys, TimeProvider time, IOptions<SigningOptions> options) : PageModel
{
    public IReadOnlyList<NodeSigningKey> Keys { get; private set; } = [];

    public DateTime Now { get; private set; }

    public int OverlapDays => options.Value.OverlapDays;

    public bool Rotated { get; private set; }

    public async Task OnGetAsync(bool rotated, CancellationToken cancellationToken)
    {
        Rotated = rotated;
        // The first key is made here if the node has none yet, so the page always shows the one that signs.
        await keys.ActiveAsync(cancellationToken);
        Keys = await keys.AllAsync(cancellationToken);
        Now = time.GetUtcNow().UtcDateTime;
    }

    public async Task<IActionResult> OnPostRotateAsync(CancellationToken cancellationToken)
    {
        await keys.RotateAsync(cancellationToken);
        return RedirectToPage(new { rotated = true });
    }

    public static string State(NodeSigningKey key, DateTime now) =>
        key.Active ? "Active" : key.VerifiesAt(now) ? "Overlap" : "Expired";
}
