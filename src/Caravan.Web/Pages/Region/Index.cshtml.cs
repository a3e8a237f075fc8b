using System.Globalization;
using Caravan.Core.Region;
using Caravan.Core.Statistics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caravan.Web.Pages.Region;

/// <summary>
/// The regional dashboard on the hub: one table at a time, each country's cells as its node published them, side by
/// side, with the region's total where it can be given, and the totals over time. Public, like each country's own
/// statistics: everything here has passed the publishing node's disclosure control.
/// </summary>
[AllowAnonymous]
public sealed class IndexModel(RegionalDashboard dashboard, CodeNames codeNames) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "table")]
    public string? TableId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Period { get; set; }

    public RegionalView View { get; private set; } = null!;

    public bool UnknownTable { get; private set; }

    private IReadOnlyDictionary<string, string> codes = new Dictionary<string, string>();
    private IReadOnlyDictionary<string, string> countries = new Dictionary<string, string>();

    public string CodeName(string code) => codes.GetValueOrDefault(code, code);

    public string CountryName(string code) => countries.GetValueOrDefault(code, code);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var table = TableId is null ? RegionalTables.All[0] : RegionalTables.Find(TableId);
        if (table is null)
        {
            UnknownTable = true;
            table = RegionalTables.All[0];
        }

        View = await dashboard.ViewAsync(table, Period, cancellationToken);
        var language = CultureInfo.CurrentUICulture.Name;
        codes = await codeNames.ForAsync(table.Dimension, language, cancellationToken);
        countries = table.Dimension == Dimension.Destination ? codes : await codeNames.ForAsync(Dimension.Destination, language, cancellationToken);
        return UnknownTable ? new PageResult { StatusCode = StatusCodes.Status404NotFound } : Page();
    }
}
