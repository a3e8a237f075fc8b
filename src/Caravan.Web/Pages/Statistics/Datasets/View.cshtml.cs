using System.Globalization;
using Caravan.Core.Identity;
using Caravan.Core.Node;
using Caravan.Core.Reference;
using Caravan.Core.Statistics.Datasets;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Pages.Statistics.Datasets;

/// <summary>One dataset: its versions (superseded ones stay readable), who imported each, and a version's figures.</summary>
[Authorize(Roles = Roles.Analyst)]
public sealed class ViewModel(DatasetQueries queries, Catalogue catalogue, IOptions<NodeOptions> node) : PageModel
{
    public StatDataset Dataset { get; private set; } = null!;

    public StatDatasetVersion Version { get; private set; } = null!;

    public IReadOnlyList<StatObservation> Observations { get; private set; } = [];

    public IReadOnlyDictionary<string, string> CountryNames { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> RegionNames { get; private set; } = new Dictionary<string, string>();

    public string? Imported { get; private set; }

    public IReadOnlyDictionary<string, string> Importers { get; private set; } = new Dictionary<string, string>();

    public string Importer(string actor) => Importers.GetValueOrDefault(actor, actor);

    public async Task<IActionResult> OnGetAsync(string code, int? version, CancellationToken cancellationToken)
    {
        var dataset = await queries.FindAsync(code, cancellationToken);
        var chosen = dataset?.Versions.FirstOrDefault(v => v.Number == version) ?? dataset?.Versions.MaxBy(v => v.Number);
        if (dataset is null || chosen is null || (version is not null && chosen.Number != version))
        {
            return NotFound();
        }

        Dataset = dataset;
        Version = chosen;
        Observations = await queries.ObservationsAsync(chosen.Id, cancellationToken);
        CountryNames = await catalogue.CountryNamesAsync(CultureInfo.CurrentUICulture.Name, cancellationToken);
        RegionNames = await catalogue.SubdivisionsAsync(node.Value.Country, cancellationToken);
        Imported = TempData["Imported"] as string;
        Importers = await queries.ImportersAsync(dataset.Versions.Select(v => v.ImportedBy), cancellationToken);
        return Page();
    }
}
