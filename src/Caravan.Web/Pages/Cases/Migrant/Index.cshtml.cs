using Caravan.Core.Cases;
using Caravan.Core.Migrants;
using Caravan.Web.Pages.Migrants.Profile;
using Microsoft.AspNetCore.Mvc;

namespace Caravan.Web.Pages.Cases.Migrant;

/// <summary>The migrant's own requests for help.</summary>
public sealed class IndexModel(RegistryCommands registry, CaseQueries queries) : MeModelBase(registry)
{
    public IReadOnlyList<CaseSummary> Cases { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } other)
        {
            return other;
        }

        Cases = await queries.ForPersonAsync(RecordIds, cancellationToken);
        return Page();
    }
}
