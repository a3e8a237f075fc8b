using Caravan.Core.Guides;
using Caravan.Core.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caravan.Web.Pages.Guides.Manage;

/// <summary>Every guide in every language, with the state of its working text, for the officers who write and review them.</summary>
[Authorize(Roles = Roles.Officer)]
public sealed class IndexModel(GuideQueries guides) : PageModel
{
    public IReadOnlyList<Guide> Guides { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Guides = await guides.AllAsync(cancellationToken);
}
