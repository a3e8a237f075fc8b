using Caravan.Core.Migrants;
using Caravan.Core.Reference;
using Microsoft.AspNetCore.Mvc;

namespace Caravan.Web.Pages.Migrants.Profile;

public sealed class ReturnModel(RegistryCommands registry, JourneyCommands journeys, Catalogue catalogue) : MeModelBase(registry)
{
    [BindProperty]
    public ReturnForm Form { get; set; } = new();

    public ReturnFormView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } other)
        {
            return other;
        }

        // Most returns are from where the person went: suggest it.
        Form.CountryFrom = (await journeys.OpenDepartureAsync([.. RecordIds], cancellationToken))?.Destination;
        await LoadViewAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } other)
        {
            return other;
        }

        if (await Form.ReadAsync(catalogue, ModelState, Registry.Today, cancellationToken) is not { } read)
        {
            await LoadViewAsync(cancellationToken);
            return Page();
        }

        await journeys.RecordReturnAsync(Person, [.. RecordIds], read.Date, read.Reason, read.Country, RecordedBy.Migrant, Person.UserId, cancellationToken);
        return Redirect("/me");
    }

    private async Task LoadViewAsync(CancellationToken cancellationToken) =>
        View = await ReturnFormView.CreateAsync(catalogue, Form, cancellationToken);
}
