using Caravan.Core.Identity;
using Caravan.Core.Migrants;
using Caravan.Core.Node;
using Caravan.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Pages.Migrants.Officer;

/// <summary>Identity changes a person asked for (names, birth date, document), waiting for an officer.</summary>
[Authorize(Roles = Roles.Officer)]
public sealed class ChangesModel(RegistryCommands registry, IOptions<NodeOptions> node) : PageModel
{
    public IReadOnlyList<(PersonChange Change, Person Person)> Pending { get; private set; } = [];

    [BindProperty]
    public string? Note { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken cancellationToken) => await DecideAsync(id, true, cancellationToken);

    public async Task<IActionResult> OnPostRejectAsync(Guid id, CancellationToken cancellationToken) => await DecideAsync(id, false, cancellationToken);

    private async Task<IActionResult> DecideAsync(Guid id, bool approve, CancellationToken cancellationToken)
    {
        if (Note is { Length: > 1000 })
        {
            return BadRequest();
        }

        if (!await registry.ReviewChangeAsync(id, approve, string.IsNullOrWhiteSpace(Note) ? null : Note.Trim(), RegistryActors.From(User, node.Value), cancellationToken))
        {
            return NotFound();
        }

        TempData["Changes.Decided"] = true;
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var list = new List<(PersonChange, Person)>();
        foreach (var change in await registry.PendingChangesAsync(cancellationToken))
        {
            if (await registry.ByIdAsync(change.PersonId, cancellationToken) is { } person)
            {
                list.Add((change, person));
            }
        }

        Pending = list;
    }
}
