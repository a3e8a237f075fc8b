using Caravan.Core.Migrants;
using Caravan.Core.Reference;
using Microsoft.AspNetCore.Mvc;

namespace Caravan.Web.Pages.Migrants.Profile;

/// <summary>A migrant records their own departure; the contract check runs on the terms and its flags are kept.</summary>
public sealed class DepartureModel(RegistryCommands registry, JourneyCommands journeys, Core.Training.DepartureRules rules, Catalogue catalogue) : MeModelBase(registry)
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

        var input = await Form.ReadAsync(journeys, catalogue, ModelState, cancellationToken);
        input = await DepartureForm.WithTrainingRuleAsync(input, rules, RecordIds, ModelState, cancellationToken);
        if (input is null)
        {
            Form.Pad();
            await LoadViewAsync(cancellationToken);
            return Page();
        }

        await journeys.RecordDepartureAsync(Person, input, RecordedBy.Migrant, Person.UserId, cancellationToken);
        return Redirect("/me");
    }

    private async Task LoadViewAsync(CancellationToken cancellationToken) =>
        View = await DepartureFormView.CreateAsync(catalogue, Form, Person.Occupations, null, fixedAgency: false, cancellationToken);
}
