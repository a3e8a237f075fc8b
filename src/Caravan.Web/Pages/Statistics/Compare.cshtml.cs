using System.Globalization;
using Caravan.Core.Identity;
using Caravan.Core.Node;
using Caravan.Core.Reference;
using Caravan.Core.Statistics;
using Caravan.Core.Statistics.Datasets;
using Caravan.Core.Statistics.Disclosure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Pages.Statistics;

/// <summary>
/// The registry's citizens abroad beside an imported stock, with the coverage ratio. The public sees the registry's
/// side disclosure-controlled (a hidden cell has no ratio); an analyst sees it exact unless asking for the published view.
/// </summary>
public sealed class CompareModel(StockComparison comparison, DatasetQueries queries, Catalogue catalogue, IOptions<NodeOptions> node, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "dataset")]
    public string? DatasetCode { get; set; }

    [BindProperty(SupportsGet = true, Name = "date")]
    public string? Date { get; set; }

    [BindProperty(SupportsGet = true, Name = "published")]
    public bool Published { get; set; }

    public bool IsAnalyst => User.IsInRole(Roles.Analyst);

    public IReadOnlyList<StatDataset> Datasets { get; private set; } = [];

    public StockComparisonResult? Result { get; private set; }

    public string NodeCountry { get; private set; } = string.Empty;

    private IReadOnlyDictionary<string, string> countries = new Dictionary<string, string>();
    private IReadOnlyDictionary<string, string> regions = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Datasets = await queries.ForIndicatorAsync(StockComparison.Indicator, cancellationToken);
        countries = await catalogue.CountryNamesAsync(CultureInfo.CurrentUICulture.Name, cancellationToken);
        regions = await catalogue.SubdivisionsAsync(node.Value.Country, cancellationToken);
        NodeCountry = countries.GetValueOrDefault(node.Value.Country, node.Value.Country);
        var code = DatasetCode ?? Datasets.Select(d => d.Code).FirstOrDefault();
        if (code is null)
        {
            return Page();
        }

        DateOnly? date = DateOnly.TryParseExact(Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) ? parsed : null;
        Result = await comparison.CompareAsync(code, date, IsAnalyst && !Published, cancellationToken);
        return Result is null && DatasetCode is not null ? NotFound() : Page();
    }

    public string Place(string code) =>
        code == Codelists.Total ? l["Statistics.Code.Total"]
        : Result?.By == Dimension.Region ? regions.GetValueOrDefault(code, code)
        : countries.GetValueOrDefault(code, code);

    public string Country(string code) => countries.GetValueOrDefault(code, code);

    public string Status(CellStatus status) => status switch
    {
        CellStatus.Suppressed => l["Statistics.Status.Suppressed"],
        CellStatus.SecondarySuppressed => l["Statistics.Status.SecondarySuppressed"],
        CellStatus.Published => l["Statistics.Status.Published"],
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
