using Caravan.Core.Cases;
using Caravan.Core.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caravan.Web.Pages.Exchange;

/// <summary>The labour inspection's list of cases partner countries referred here, and the status it reports back.</summary>
[Authorize(Roles = Roles.Officer)]
public sealed class ReferralsModel(ReferredCases cases) : PageModel
{
    public IReadOnlyList<ReferredCaseRow> Cases { get; private set; } = [];

    public string? Refused { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Cases = await cases.ListAsync(cancellationToken);

    public async Task<IActionResult> OnPostStatusAsync(Guid id, CancellationToken cancellationToken)
    {
        // Each case's select has its own name, so that its id is unique on a page of many cases.
        var status = Request.Form["Status-" + id].FirstOrDefault();
        var (done, decision) = await cases.SetStatusAsync(id, status, cancellationToken);
        if (done)
        {
            return RedirectToPage();
        }

        if (status is null || !ReferralStatuses.Reported.Contains(status))
        {
            ModelState.AddModelError("Status-" + id, "Referral.Error.Status");
        }
        else
        {
            Refused = "Exchange.Refused." + decision;
        }

        Cases = await cases.ListAsync(cancellationToken);
        return Page();
    }
}
