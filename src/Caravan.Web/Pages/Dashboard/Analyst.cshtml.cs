using System.Globalization;
using Caravan.Core.Identity;
using Caravan.Core.Reference;
using Caravan.Core.Vacancies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caravan.Web.Pages.Dashboard;

[Authorize(Roles = Roles.Analyst)]
public sealed class AnalystModel(VacancyQueries queries, Catalogue catalogue) : PageModel
{
    public IReadOnlyList<DestinationCount> Destinations { get; private set; } = [];

    public IReadOnlyDictionary<string, string> CountryNames { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyList<(string MajorGroup, int Positions)> ByMajorGroup { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        CountryNames = await catalogue.CountryNamesAsync(CultureInfo.CurrentUICulture.Name, cancellationToken);
        Destinations = await queries.PublishedByDestinationAsync(cancellationToken);
        ByMajorGroup = await queries.PublishedByMajorGroupAsync(cancellationToken);
    }
}
