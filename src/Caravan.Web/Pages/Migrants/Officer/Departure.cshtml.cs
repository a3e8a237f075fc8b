using Caravan.Core.Identity;
using Caravan.Core.Migrants;
using Caravan.Core.Reference;
using Caravan.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caravan.Web.Pages.Migrants.Officer;

/// <summary>An officer records a departure for a person, with the same form and checks as the migrant's own page.</summary>
[Authorize(Roles = Roles.Officer)]
public sealed class DepartureModel(RegistryCommands registry, JourneyCommands journeys, Core.Training.DepartureRules rules, Catalogue catalogue) : PageModel
{
    [BindProperty]
    public DepartureForm Form { get; set; } = new();

    public DepartureFormView View { get; private set; } = null!;

    public Person Person { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        if (await LoadAsync(reference, cancellationToken) is { } other)
        {
            return other;
        }

        Form.Pad();
        await LoadViewAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, CancellationToken cancellationToken)
    {
        if (await LoadAsync(reference, cancellationToken) is { } other)
        {
            return other;
        }

        var input = await Form.ReadAsync(journeys, catalogue, ModelState, cancellationToken);
        input = await DepartureForm.WithTrainingRuleAsync(input, rules, [Person.Id], ModelState, cancellationToken);
        if (input is null)
        {
            Form.Pad();
            await LoadViewAsync(cancellationToken);
            return Page();
        }

        await journeys.RecordDepartureAsync(Person, input, RecordedBy.Officer, User.GetUserId(), cancellationToken);
        return Redirect($"/officer/persons/{Person.Reference}");
    }

    private async Task<IActionResult?> LoadAsync(string reference, CancellationToken cancellationToken)
    {
        var person = await registry.ByReferenceAsync(reference, cancellationToken);
        if (person is null || person.Status != PersonStatus.Active)
        {
            return NotFound();
        }

        Person = person;
        return null;
    }

    private async Task LoadViewAsync(CancellationToken cancellationToken) =>
        View = await DepartureFormView.CreateAsync(catalogue, Form, null, null, fixedAgency: false, cancellationToken);
}
