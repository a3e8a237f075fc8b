using Caravan.Core.Data;
using Caravan.Core.Migrants;
using Caravan.Core.Node;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Pages.Migrants.Register;

/// <summary>The passport or ID number: Sensitive, so it is encrypted as soon as it arrives and shown back only masked.</summary>
public sealed class DocumentModel(RegistryCommands registry, IOptions<NodeOptions> node, SensitiveData sensitive) : RegistrationStepModel(registry, node)
{
    [BindProperty]
    public string? DocumentNumber { get; set; }

    protected override string StepName => RegistrationSteps.Document;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } other)
        {
            return other;
        }

        // A person who already gave a number may leave the box empty to keep it.
        var keep = string.IsNullOrWhiteSpace(DocumentNumber) && Person.DocumentHash is not null;
        if (!keep && PersonInput.CheckDocument(DocumentNumber, required: true) is { } error)
        {
            ModelState.AddModelError(nameof(DocumentNumber), error);
            return Page();
        }

        if (!keep)
        {
            var number = DocumentNumber!;
            if (IsDraft)
            {
                Registry.SetDocument(Person, number);
            }
            else if (sensitive.LookupHash(number) != Person.DocumentHash)
            {
                await Registry.ChangeAsync(Person, PersonFields.Document, null, number, Actor, byThePerson: true, p => Registry.SetDocument(p, number), cancellationToken);
            }
        }

        return await SaveAndContinueAsync(cancellationToken);
    }
}
