using System.Globalization;
using Caravan.Core.Reference;
using Caravan.Core.Training;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caravan.Web.Pages.Admin;

/// <summary>The node's rule that a departure to some destinations is recorded only with a pre-departure training certificate.</summary>
public sealed class TrainingRulesModel(DepartureRules rules, Catalogue catalogue) : PageModel
{
    [BindProperty(Name = "destinations")]
    public List<string> Destinations { get; set; } = [];

    public IReadOnlySet<string> Required { get; private set; } = new HashSet<string>();

    public IReadOnlyDictionary<string, string> CountryNames { get; private set; } = new Dictionary<string, string>();

    public bool Saved { get; private set; }

    public async Task OnGetAsync(bool saved, CancellationToken cancellationToken)
    {
        Saved = saved;
        Required = await rules.RequiredForAsync(cancellationToken);
        CountryNames = await catalogue.CountryNamesAsync(CultureInfo.CurrentUICulture.Name, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        // Only the destinations offered on the page; anything else posted is ignored.
        await rules.SetAsync(Destinations.Where(d => Caravan.Web.Pages.Vacancies.IndexModel.Destinations.Contains(d)), cancellationToken);
        return RedirectToPage(new { saved = true });
    }
}
