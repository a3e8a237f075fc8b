using Caravan.Core.Cases;
using Caravan.Core.Identity;
using Caravan.Core.Migrants;
using Caravan.Core.Node;
using Caravan.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Pages.Cases.Staff;

/// <summary>
/// A consular officer who manages a case refers it to a partner country's labour inspection (issue 17). Only the
/// category, place, employer and a summary written without names leave the node; the partner's status comes back here.
/// </summary>
[Authorize(Roles = Roles.CaseWorkers)]
public sealed class ReferAbroadModel(CaseFiles files, CaseAccessRules access, CaseReferrals referrals, IOptions<NodeOptions> node) : PageModel
{
    [BindProperty]
    public Guid? PartnerId { get; set; }

    [BindProperty]
    public string? Summary { get; set; }

    public LegalCase LegalCase { get; private set; } = null!;

    public bool CanManage { get; private set; }

    public IReadOnlyList<KeyValuePair<string, string>> Partners { get; private set; } = [];

    public IReadOnlyList<ReferralRow> Referrals { get; private set; } = [];

    public string? Refused { get; private set; }

    private RegistryActor Actor => RegistryActors.From(User, node.Value);

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken) => await LoadAsync(reference, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(string reference, CancellationToken cancellationToken)
    {
        if (await LoadAsync(reference, cancellationToken) is { } missing)
        {
            return missing;
        }

        var (result, decision) = await referrals.ReferAsync(LegalCase, PartnerId, Summary, Actor, cancellationToken);
        switch (result)
        {
            case ReferResult.Referred:
                return Redirect($"/cases/{LegalCase.Reference}/refer-abroad");
            case ReferResult.PartnerRequired:
                ModelState.AddModelError(nameof(PartnerId), "Exchange.Error.PartnerRequired");
                break;
            case ReferResult.SummaryRequired:
                ModelState.AddModelError(nameof(Summary), "Cases.ReferAbroad.Error.Summary");
                break;
            case ReferResult.SummaryTooLong:
                ModelState.AddModelError(nameof(Summary), "Cases.ReferAbroad.Error.SummaryLong");
                break;
            case ReferResult.AgreementRefused:
                Refused = "Exchange.Refused." + decision;
                break;
            case ReferResult.NotAllowed:
            default:
                ModelState.AddModelError(string.Empty, "Cases.Error.NotAllowed");
                break;
        }

        return Page();
    }

    private async Task<IActionResult?> LoadAsync(string reference, CancellationToken cancellationToken)
    {
        var c = await files.ByReferenceAsync(reference, cancellationToken);
        if (c is null || await access.AccessAsync(c, User.GetUserId(), cancellationToken) != CaseAccess.File)
        {
            return NotFound();
        }

        LegalCase = c;
        CanManage = await access.CanManageAsync(c, Actor, cancellationToken);
        Partners = [.. (await referrals.PartnersAsync(cancellationToken)).Select(p => new KeyValuePair<string, string>(p.Id.ToString(), $"{p.Name} ({p.Country})"))];
        Referrals = await referrals.ForCaseAsync(c.Id, cancellationToken);
        return null;
    }
}
