using Caravan.Core.Migrants;
using Microsoft.AspNetCore.Mvc;

namespace Caravan.Web.Pages.Migrants.Profile;

/// <summary>Every consent the person gave, with the notice as they read it; any active one can be withdrawn at once.</summary>
public sealed class ConsentsModel(RegistryCommands registry) : MeModelBase(registry)
{
    public IReadOnlyList<Consent> Consents { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } other)
        {
            return other;
        }

        Consents = await Registry.ConsentsAsync(Person.Id, cancellationToken);
        return Page();
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
