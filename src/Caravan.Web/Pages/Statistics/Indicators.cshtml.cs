using Caravan.Core.Statistics;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Pages.Statistics;

/// <summary>The public catalogue: every indicator Caravan publishes, in the reader's language.</summary>
public sealed class IndicatorsModel(IOptions<StatisticsOptions> options) : PageModel
{
    public int Threshold => options.Value.Threshold;

    public decimal DominancePercent => options.Value.DominancePercent;

    public IReadOnlyList<IndicatorDefinition> All => Indicators.All;

    public void OnGet()
    {
    }
}
