using Caravan.Core.Identity;
using Caravan.Core.Migrants;
using Caravan.Core.Node;
using Caravan.Core.Reference;
using Caravan.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Pages.Migrants.Officer;

/// <summary>Two records side by side with the matcher's reasons; the officer merges them or says they are different people.</summary>
[Authorize(Roles = Roles.Officer)]
public sealed class DuplicateModel(RegistryCommands registry, PersonDuplicates duplicates, Catalogue catalogue, IOptions<NodeOptions> node) : PageModel
{
    public DuplicateCandidate Candidate { get; private set; } = null!;

    public PersonSummary Keep { get; private set; } = null!;

    public PersonSummary Other { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) => await LoadAsync(id, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostMergeAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } other)
        {
            return other;
        }

        if (!await duplicates.MergeAsync(Candidate, RegistryActors.From(User, node.Value), cancellationToken))
        {
            ModelState.AddModelError(string.Empty, "Duplicates.CannotMerge");
            return Page();
        }

        TempData["Persons.Merged"] = Other.Person.Reference;
        return Redirect($"/officer/persons/{Keep.Person.Reference}");
    }

    public async Task<IActionResult> OnPostDismissAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } other)
        {
            return other;
        }

        await duplicates.DismissAsync(Candidate, RegistryActors.From(User, node.Value), cancellationToken);
        return Redirect("/officer/persons/duplicates");
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var candidate = await duplicates.DuplicateAsync(id, cancellationToken);
        if (candidate is null)
        {
            return NotFound();
        }

        Candidate = candidate;
        var keep = await registry.ByIdAsync(candidate.KeepId, cancellationToken);
        var other = await registry.ByIdAsync(candidate.OtherId, cancellationToken);
        if (keep is null || other is null)
        {
            return NotFound();
        }

        Keep = await PersonSummary.LoadAsync(catalogue, keep, node.Value.Country, null, null, cancellationToken);
        Other = await PersonSummary.LoadAsync(catalogue, other, node.Value.Country, null, null, cancellationToken);
        return null;
    }
}
