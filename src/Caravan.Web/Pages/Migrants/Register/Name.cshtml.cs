using Caravan.Core.Migrants;
using Caravan.Core.Node;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Pages.Migrants.Register;

public sealed class NameModel(RegistryCommands registry, IOptions<NodeOptions> node) : RegistrationStepModel(registry, node)
{
    [BindProperty]
    public string? GivenName { get; set; }

    [BindProperty]
    public string? FamilyName { get; set; }

    [BindProperty]
    public string? Patronymic { get; set; }

    protected override string StepName => RegistrationSteps.Name;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } other)
        {
            return other;
        }

        GivenName = Person.GivenName;
        FamilyName = Person.FamilyName;
        Patronymic = Person.Patronymic;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } other)
        {
            return other;
        }

        AddError(nameof(GivenName), PersonInput.CheckName(GivenName, required: true));
        AddError(nameof(FamilyName), PersonInput.CheckName(FamilyName, required: true));
        AddError(nameof(Patronymic), PersonInput.CheckName(Patronymic, required: false));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var given = GivenName!.Trim();
        var family = FamilyName!.Trim();
        var patronymic = Clean(Patronymic);
        await ChangeFieldAsync(PersonFields.GivenName, Person.GivenName, given, p => RegistryCommands.SetNames(p, given, p.FamilyName, p.Patronymic), cancellationToken);
        await ChangeFieldAsync(PersonFields.FamilyName, Person.FamilyName, family, p => RegistryCommands.SetNames(p, p.GivenName, family, p.Patronymic), cancellationToken);
        await ChangeFieldAsync(PersonFields.Patronymic, Person.Patronymic, patronymic, p => RegistryCommands.SetNames(p, p.GivenName, p.FamilyName, patronymic), cancellationToken);
        return await SaveAndContinueAsync(cancellationToken);
    }

    private void AddError(string field, string? key)
    {
        if (key is not null)
        {
            ModelState.AddModelError(field, key);
        }
    }
}
