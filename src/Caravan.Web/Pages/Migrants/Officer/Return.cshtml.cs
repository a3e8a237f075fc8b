using Caravan.Core.Identity;
using Caravan.Core.Migrants;
using Caravan.Core.Reference;
using Caravan.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caravan.Web.Pages.Migrants.Officer;

[Authorize(Roles = Roles.Officer)]
public sealed class ReturnModel(RegistryCommands registry, JourneyCommands journeys, Catalogue catalogue) : PageModel
{
    [BindProperty]
    public ReturnForm Form { get; set; } = new();

    public ReturnFormView View { get; private set; } = null!;

    public Person Person { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        if (await LoadAsync(reference, cancellationToken) is { } other)
        {
            return other;
        }

        var ids = await registry.RecordIdsAsync(Person.Id, cancellationToken);
        Form.CountryFrom = (await journeys.OpenDepartureAsync(ids, cancellationToken))?.Destination;
        await LoadViewAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, CancellationToken cancellationToken)
    {
        if (await LoadAsync(reference, cancellationToken) is { } other)
        {
            return other;
        }

        if (await Form.ReadAsync(catalogue, ModelState, registry.Today, cancellationToken) is not { } read)
        {
            await LoadViewAsync(cancellationToken);
            return Page();
        }

        var ids = await registry.RecordIdsAsync(Person.Id, cancellationToken);
        await journeys.RecordReturnAsync(Person, ids, read.Date, read.Reason, read.Country, RecordedBy.Officer, User.GetUserId(), cancellationToken);
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
        View = await ReturnFormView.CreateAsync(catalogue, Form, cancellationToken);
}
