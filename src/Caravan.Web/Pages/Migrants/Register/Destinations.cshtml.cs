using System.Globalization;
using Caravan.Core.Agencies;
using Caravan.Core.Migrants;
using Caravan.Core.Node;
using Caravan.Core.Reference;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Pages.Migrants.Register;

public sealed class DestinationsModel(RegistryCommands registry, IOptions<NodeOptions> node, Catalogue catalogue) : RegistrationStepModel(registry, node)
{
    [BindProperty]
    public List<string> Destinations { get; set; } = [];

    public IReadOnlyDictionary<string, string> CountryNames { get; private set; } = new Dictionary<string, string>();

    protected override string StepName => RegistrationSteps.Destinations;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } other)
        {
            return other;
        }

        CountryNames = await catalogue.CountryNamesAsync(CultureInfo.CurrentUICulture.Name, cancellationToken);
        Destinations = [.. Person.PreferredDestinations];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } other)
        {
            return other;
        }

        // Optional: a young person may not know yet. Only offered codes are kept.
        var chosen = LicensingRules.Destinations.Where(Destinations.Contains).ToList();
        await ChangeFieldAsync(PersonFields.Destinations, string.Join(' ', Person.PreferredDestinations), string.Join(' ', chosen), p => p.PreferredDestinations = chosen, cancellationToken);
        return await SaveAndContinueAsync(cancellationToken);
    }
}
