using Caravan.Core.Agencies;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Pages.Agencies;

/// <summary>The public method of the agency scorecard: what each figure counts, over which period, and how small counts are hidden.</summary>
public sealed class ScorecardsModel(IOptions<ScorecardOptions> options) : PageModel
{
    public int MinimumCount => options.Value.MinimumCount;

    public int PeriodMonths => options.Value.PeriodMonths;

    public void OnGet()
    {
    }
}
