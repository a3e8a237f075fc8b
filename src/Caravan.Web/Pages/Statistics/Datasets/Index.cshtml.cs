using Caravan.Core.Identity;
using Caravan.Core.Statistics.Datasets;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caravan.Web.Pages.Statistics.Datasets;

/// <summary>The analyst's list of imported datasets: what, which version, who imported it and when.</summary>
[Authorize(Roles = Roles.Analyst)]
public sealed class IndexModel(DatasetQueries datasets) : PageModel
{
    public IReadOnlyList<StatDataset> Datasets { get; private set; } = [];

    public IReadOnlyDictionary<string, string> Importers { get; private set; } = new Dictionary<string, string>();

    public string Importer(string actor) => Importers.GetValueOrDefault(actor, actor);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Datasets = await datasets.ListAsync(cancellationToken);
        Importers = await datasets.ImportersAsync(Datasets.SelectMany(d => d.Versions).Select(v => v.ImportedBy), cancellationToken);
    }
}
