using Caravan.Core.Agencies;
using Caravan.Core.Data;
using Caravan.Core.Identity;
using Caravan.Core.Node;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Pages.Agencies.Licensing;

/// <summary>The licensing officer's work list: applications awaiting a decision, and every licensed agency of the node.</summary>
[Authorize(Roles = Roles.Officer)]
public sealed class IndexModel(LicensingCommands licensing, CaravanDbContext db, IOptions<NodeOptions> node) : PageModel
{
    public IReadOnlyList<LicenceApplication> Awaiting { get; private set; } = [];

    public IReadOnlyList<Agency> Agencies { get; private set; } = [];

    public DateOnly Today => licensing.Today;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Awaiting = await licensing.AwaitingDecisionAsync(cancellationToken);
        var country = node.Value.Country;
        Agencies = await db.Set<Agency>().AsNoTracking()
            .Where(a => a.CountryCode == country && a.LicenceNumber != null)
            .OrderBy(a => a.NameKey)
            .ToListAsync(cancellationToken);
    }
}
