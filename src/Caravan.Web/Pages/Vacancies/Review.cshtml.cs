using Caravan.Core.Identity;
using Caravan.Core.Node;
using Caravan.Core.Vacancies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Pages.Vacancies;

/// <summary>Vacancies waiting for an officer, oldest first.</summary>
[Authorize(Roles = Roles.Officer)]
public sealed class ReviewModel(VacancyCommands commands, IOptions<NodeOptions> node) : PageModel
{
    public IReadOnlyList<Vacancy> Pending { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Pending = await commands.PendingAsync(node.Value.Country, cancellationToken);
}
