using Caravan.Core.Identity;
using Caravan.Core.Migrants;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caravan.Web.Pages.Migrants.Officer;

[Authorize(Roles = Roles.Officer)]
public sealed class DuplicatesModel(RegistryCommands registry, PersonDuplicates duplicates) : PageModel
{
    public IReadOnlyList<DuplicateCandidate> Open { get; private set; } = [];

    public IReadOnlyDictionary<Guid, Person> Persons { get; private set; } = new Dictionary<Guid, Person>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Open = await duplicates.OpenDuplicatesAsync(cancellationToken);
        var persons = new Dictionary<Guid, Person>();
        foreach (var id in Open.SelectMany(d => new[] { d.KeepId, d.OtherId }).Distinct())
        {
            if (await registry.ByIdAsync(id, cancellationToken) is { } person)
            {
                persons[id] = person;
            }
        }

        Persons = persons;
    }
}
