using System.Globalization;
using Caravan.Core.Agencies;
using Caravan.Core.Identity;
using Caravan.Core.Node;
using Caravan.Core.Reference;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Pages.Agencies.Licensing;

[Authorize(Roles = Roles.Officer)]
public sealed class EmployersModel(EmployerCommands employers, Catalogue catalogue, IOptions<NodeOptions> node) : PageModel
{
    public IReadOnlyList<ForeignEmployer> Employers { get; private set; } = [];

    public IReadOnlyDictionary<string, string> CountryNames { get; private set; } = new Dictionary<string, string>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Employers = await employers.ForCountryAsync(node.Value.Country, cancellationToken);
        CountryNames = await catalogue.CountryNamesAsync(CultureInfo.CurrentUICulture.Name, cancellationToken);
    }
}
