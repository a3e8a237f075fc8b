using System.Globalization;
using Caravan.Core.Exchange;
using Caravan.Core.Reference;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caravan.Web.Pages.Admin.Partners;

/// <summary>The trust list: every partner node with its agreement, keys and allowed messages.</summary>
public sealed class IndexModel(TrustListQueries trust, Catalogue catalogue, TimeProvider time) : PageModel
{
    public IReadOnlyList<PartnerNode> Partners { get; private set; } = [];

    public IReadOnlyDictionary<string, string> CountryNames { get; private set; } = new Dictionary<string, string>();

    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Partners = await trust.PartnersAsync(cancellationToken);
        CountryNames = await catalogue.CountryNamesAsync(CultureInfo.CurrentUICulture.Name, cancellationToken);
    }
}
