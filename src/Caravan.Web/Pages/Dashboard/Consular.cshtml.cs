using System.Globalization;
using Caravan.Core.Identity;
using Caravan.Core.Reference;
using Caravan.Core.Vacancies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caravan.Web.Pages.Dashboard;

/// <summary>Consular officers work by destination: where the node's citizens are being recruited to.</summary>
[Authorize(Roles = Roles.ConsularOfficer)]
public sealed class ConsularModel(VacancyQueries queries, Catalogue catalogue) : PageModel
{
    public IReadOnlyList<DestinationCount> Destinations { get; private set; } = [];

    public IReadOnlyDictionary<string, string> CountryNames { get; private set; } = new Dictionary<string, string>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        CountryNames = await catalogue.CountryNamesAsync(CultureInfo.CurrentUICulture.Name, cancellationToken);
        Destinations = await queries.PublishedByDestinationAsync(cancellationToken);
    }
}
