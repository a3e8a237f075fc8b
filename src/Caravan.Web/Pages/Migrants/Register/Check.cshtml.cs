using Caravan.Core.Identity;
using Caravan.Core.Migrants;
using Caravan.Core.Reference;
using Caravan.Core.Node;
using Caravan.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Pages.Migrants.Register;

/// <summary>Check your answers, then register: the draft becomes a record with a reference and is checked for duplicates.</summary>
[Authorize(Roles = Roles.Migrant)]
public sealed class CheckModel(RegistryCommands registry, Catalogue catalogue, IOptions<NodeOptions> node) : PageModel
{
    public PersonSummary Summary { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } other)
        {
            return other;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } other)
        {
            return other;
        }

        var person = Summary.Person;
        // Each page checked its own answers; this catches a step skipped by typing a later address.
        if (person.GivenKey.Length == 0 || person.FamilyKey.Length == 0)
        {
            ModelState.AddModelError(string.Empty, "Register.MissingName");
        }

        if (person.BirthDate is null || person.Sex is null || person.Citizenship is null)
        {
            ModelState.AddModelError(string.Empty, "Register.MissingDetails");
        }

        if (person.DocumentHash is null)
        {
            ModelState.AddModelError(string.Empty, "Register.MissingDocument");
        }

        if (person.Education is null)
        {
            ModelState.AddModelError(string.Empty, "Register.MissingWork");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        await registry.CompleteAsync(person, cancellationToken);
        TempData["Register.Done"] = person.Reference;
        return Redirect(RegistrationStepModel.ProfilePath);
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        if (User.GetUserId() is not { } userId)
        {
            return Forbid();
        }

        var person = await registry.ForUserAsync(userId, cancellationToken);
        if (person is null)
        {
            return Redirect(RegistrationStepModel.StartPath);
        }

        if (person.Status != PersonStatus.Draft)
        {
            return Redirect(RegistrationStepModel.ProfilePath);
        }

        Summary = await PersonSummary.LoadAsync(catalogue, person, node.Value.Country, RegistrationStepModel.StartPath, null, cancellationToken);
        return null;
    }
}
