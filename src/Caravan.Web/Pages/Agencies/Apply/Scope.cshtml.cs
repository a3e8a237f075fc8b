using System.Globalization;
using Caravan.Core.Agencies;
using Caravan.Core.Reference;
using Microsoft.AspNetCore.Mvc;

namespace Caravan.Web.Pages.Agencies.Apply;

public sealed class ScopeModel(LicensingCommands licensing, Catalogue catalogue) : ApplicationStepModel(licensing)
{
    [BindProperty]
    public List<string> Destinations { get; set; } = [];

    [BindProperty]
    public List<string> Sectors { get; set; } = [];

    public IReadOnlyDictionary<string, string> CountryNames { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> IscoTitles { get; private set; } = new Dictionary<string, string>();

    protected override string StepName => LicenceSteps.Scope;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } other)
        {
            return other;
        }

        await LoadNamesAsync(cancellationToken);
        Destinations = [.. Application.Destinations];
        Sectors = [.. Application.Sectors];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } other)
        {
            return other;
        }

        await LoadNamesAsync(cancellationToken);
        // Only codes the form offered are kept; anything else is a tampered form, answered like an empty one.
        var destinations = LicensingRules.Destinations.Where(Destinations.Contains).ToList();
        var sectors = LicensingRules.Sectors.Where(Sectors.Contains).ToList();
        if (destinations.Count == 0)
        {
            ModelState.AddModelError(nameof(Destinations), "Apply.DestinationsRequired");
        }

        if (sectors.Count == 0)
        {
            ModelState.AddModelError(nameof(Sectors), "Apply.SectorsRequired");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        Application.Destinations = destinations;
        Application.Sectors = sectors;
        return await SaveAndContinueAsync(cancellationToken);
    }

    private async Task LoadNamesAsync(CancellationToken cancellationToken)
    {
        CountryNames = await catalogue.CountryNamesAsync(CultureInfo.CurrentUICulture.Name, cancellationToken);
        IscoTitles = await catalogue.IscoTitlesAsync(CultureInfo.CurrentUICulture.Name, cancellationToken);
    }
}
