using System.Globalization;
using Caravan.Core.Agencies;
using Caravan.Core.Identity;
using Caravan.Core.Node;
using Caravan.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Pages.Agencies.Licensing;

public enum LicenceAction
{
    Renew,
    Suspend,
    Reinstate,
    Revoke,
}

/// <summary>An officer changes a licence's status, with reasons, and reads its history.</summary>
[Authorize(Roles = Roles.Officer)]
public sealed class AgencyModel(LicensingCommands licensing, InspectionCommands inspections, IOptions<NodeOptions> node) : PageModel
{
    public Agency Agency { get; private set; } = null!;

    public IReadOnlyList<LicenceEvent> History { get; private set; } = [];

    public DateOnly Today => licensing.Today;

    public IReadOnlyList<Inspection> Inspections { get; private set; } = [];

    public IReadOnlyDictionary<string, ViolationType> Violations { get; private set; } = new Dictionary<string, ViolationType>();

    [BindProperty]
    public LicenceAction? Action { get; set; }

    [BindProperty]
    public string? SuspendUntil { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [TempData]
    public string? Done { get; set; }

    public IReadOnlyList<LicenceAction> Allowed => Agency.EffectiveStatus(Today) switch
    {
        LicenceStatus.Valid => [LicenceAction.Renew, LicenceAction.Suspend, LicenceAction.Revoke],
        LicenceStatus.Suspended => [LicenceAction.Reinstate, LicenceAction.Revoke],
        LicenceStatus.Expired => [LicenceAction.Renew],
        LicenceStatus.Applied or LicenceStatus.Revoked => [],
        _ => [],
    };

    /// <summary>The record's version when the form was shown (<see cref="SeenVersion"/>).</summary>
    [BindProperty]
    public Guid? Version { get; set; }

    public async Task<IActionResult> OnGetAsync(string licenceNumber, CancellationToken cancellationToken) =>
        await LoadAsync(licenceNumber, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string licenceNumber, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(licenceNumber, cancellationToken))
        {
            return NotFound();
        }

        if (SeenVersion.IsStale(ModelState, Agency, Version))
        {
            return Page();
        }

        if (Action is not { } action || !Allowed.Contains(action))
        {
            ModelState.AddModelError(nameof(Action), "Licensing.ActionRequired");
        }

        DateOnly until = default;
        if (Action == LicenceAction.Suspend)
        {
            if (!DateOnly.TryParseExact(SuspendUntil?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out until))
            {
                ModelState.AddModelError(nameof(SuspendUntil), "Licensing.UntilInvalid");
            }
            else if (until <= Today)
            {
                ModelState.AddModelError(nameof(SuspendUntil), "Licensing.UntilPast");
            }
        }

        var reason = Reasons.Read(ModelState, nameof(Reason), Reason);

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var officer = User.GetUserId()!.Value;
        var result = Action switch
        {
            LicenceAction.Renew => await licensing.RenewAsync(Agency, officer, reason!, cancellationToken),
            LicenceAction.Suspend => await licensing.SuspendAsync(Agency, officer, until, reason!, cancellationToken),
            LicenceAction.Reinstate => await licensing.ReinstateAsync(Agency, officer, reason!, cancellationToken),
            LicenceAction.Revoke => await licensing.RevokeAsync(Agency, officer, reason!, cancellationToken),
            _ => LicensingResult.NotAllowed,
        };
        if (result != LicensingResult.Done)
        {
            ModelState.AddModelError(nameof(Action), "Licensing.ActionRequired");
            return Page();
        }

        Done = "Licensing.Done." + Action;
        return Redirect($"/officer/licensing/agencies/{Agency.LicenceNumber}");
    }

    private async Task<bool> LoadAsync(string licenceNumber, CancellationToken cancellationToken)
    {
        var agency = await licensing.AgencyAsync(licenceNumber.ToUpperInvariant(), cancellationToken);
        if (agency is null || agency.CountryCode != node.Value.Country)
        {
            return false;
        }

        Agency = agency;
        History = await licensing.HistoryAsync(agency.Id, cancellationToken);
        Inspections = await inspections.ForAgencyAsync(agency.Id, cancellationToken);
        Violations = (await inspections.CatalogueAsync(activeOnly: false, cancellationToken)).ToDictionary(v => v.Code);
        return true;
    }
}
