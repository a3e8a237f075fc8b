using System.Globalization;
using Caravan.Core.Data;
using Caravan.Core.Migrants;
using Caravan.Web.Pages.Migrants.Register;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Caravan.Web.Pages.Migrants.Profile;

/// <summary>Every consent the person gave, with the notice as they read it; any active one can be withdrawn at once.</summary>
public sealed class ConsentsModel(RegistryCommands registry, JourneyCommands journeys, CaravanDbContext db, IStringLocalizer<SharedResource> l) : MeModelBase(registry)
{
    public IReadOnlyList<Consent> Consents { get; private set; } = [];

    public IReadOnlyDictionary<Guid, string> AgencyNames { get; private set; } = new Dictionary<Guid, string>();

    [BindProperty]
    public string? Licence { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } other)
        {
            return other;
        }

        await LoadConsentsAsync(cancellationToken);
        return Page();
    }

    /// <summary>Lets one licensed agency see the profile (not the document or phone) to record a placement.</summary>
    public async Task<IActionResult> OnPostShareAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } other)
        {
            return other;
        }

        var agencyId = await journeys.AgencyByLicenceAsync(Licence, cancellationToken);
        if (agencyId is null)
        {
            ModelState.AddModelError(nameof(Licence), "Journey.AgencyRequired");
            await LoadConsentsAsync(cancellationToken);
            return Page();
        }

        await Registry.GiveConsentAsync(Person, ConsentPurpose.AgencySharing, agencyId, ConsentNotices.Version, CultureInfo.CurrentUICulture.Name,
            l[ConsentNotices.Key(ConsentPurpose.AgencySharing)], Person.Reference, null, cancellationToken);
        return RedirectToPage();
    }

    private async Task LoadConsentsAsync(CancellationToken cancellationToken)
    {
        Consents = await Registry.ConsentsAsync(Person.Id, cancellationToken);
        var ids = Consents.Where(c => c.AgencyId != null).Select(c => c.AgencyId!.Value).Distinct().ToList();
        AgencyNames = await db.Set<Core.Agencies.Agency>().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
    }

    public async Task<IActionResult> OnPostWithdrawAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } other)
        {
            return other;
        }

        if (!await Registry.WithdrawConsentAsync(Person.Id, id, cancellationToken))
        {
            return NotFound();
        }

        TempData["Consent.Withdrawn"] = true;
        return RedirectToPage();
    }
}
