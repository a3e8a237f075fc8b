using System.Globalization;
using Caravan.Core.Migrants;
using Caravan.Core.Reference;
using Microsoft.AspNetCore.Mvc;

namespace Caravan.Web.Pages.Migrants.Profile;

/// <summary>A migrant records their own departure; the contract check runs on the terms and its flags are kept.</summary>
public sealed class DepartureModel(RegistryCommands registry, JourneyCommands journeys, Catalogue catalogue) : MeModelBase(registry)
{
    [BindProperty]
    public DepartureForm Form { get; set; } = new();

    public DepartureFormView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } other)
        {
            return other;
        }

        Form.Pad();
        await LoadViewAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } other)
        {
            return other;
        }

        var countries = await catalogue.CountryNamesAsync("en", cancellationToken);
        var input = await Form.ReadAsync(journeys, ModelState, "Form.", countries.Keys.ToHashSet(), await catalogue.CurrencyCodesAsync(cancellationToken),
            await catalogue.IscoUnitCodesAsync(cancellationToken), cancellationToken);
        if (input is null)
        {
            Form.Pad();
            await LoadViewAsync(cancellationToken);
            return Page();
        }

        await journeys.RecordDepartureAsync(Person, input, RecordedBy.Migrant, Person.UserId, cancellationToken);
        return Redirect("/me");
    }

    private async Task LoadViewAsync(CancellationToken cancellationToken)
    {
        var language = CultureInfo.CurrentUICulture.Name;
        var countries = await catalogue.CountryNamesAsync(language, cancellationToken);
        var titles = await catalogue.IscoTitlesAsync(language, cancellationToken);
        View = new DepartureFormView(
            Form,
            countries.OrderBy(c => c.Value),
            Person.Occupations.Select(o => new KeyValuePair<string, string>(o, titles.GetValueOrDefault(o, o))),
            (await catalogue.CurrencyCodesAsync(cancellationToken)).Order(StringComparer.Ordinal));
    }
}
