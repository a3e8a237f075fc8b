using Caravan.Core.Statistics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Pages.Statistics;

/// <summary>One indicator's public description: definition, numerator and denominator, method, limitations and where its figures are.</summary>
public sealed class IndicatorModel(IOptions<StatisticsOptions> options) : PageModel
{
    public IndicatorDefinition Indicator { get; private set; } = null!;

    public int Threshold => options.Value.Threshold;

    public decimal DominancePercent => options.Value.DominancePercent;

    public IActionResult OnGet(string code)
    {
        if (Indicators.Find(code) is not { } found)
        {
            return NotFound();
        }

        Indicator = found;
        return Page();
    }
}
