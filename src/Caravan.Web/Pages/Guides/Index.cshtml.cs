using System.Globalization;
using Caravan.Core.Guides;
using Caravan.Core.Reference;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caravan.Web.Pages.Guides;

/// <summary>The information hub: published guides in the reader's language, searchable, by destination.</summary>
public sealed class IndexModel(GuideQueries guides, Catalogue catalogue) : PageModel
{
    public const int MaxQuery = 200;

    [FromQuery(Name = "q")]
    public string? Query { get; set; }

    [FromQuery(Name = "destination")]
    public string? Destination { get; set; }

    public IReadOnlyList<GuideSummary> Guides { get; private set; } = [];

    public IReadOnlyList<string> Destinations { get; private set; } = [];

    public IReadOnlyDictionary<string, string> CountryNames { get; private set; } = new Dictionary<string, string>();

    public string Language => CultureInfo.CurrentUICulture.Name;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        CountryNames = await catalogue.CountryNamesAsync(Language, cancellationToken);
        var all = await guides.PublishedAsync(Language, cancellationToken: cancellationToken);
        Destinations = [.. all.Select(g => g.DestinationCountry).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        if (Query?.Length > MaxQuery)
        {
            Query = Query[..MaxQuery];
        }

        var destination = string.IsNullOrWhiteSpace(Destination) ? null : Destination.Trim().ToUpperInvariant();
        Guides = destination is null && string.IsNullOrWhiteSpace(Query)
            ? all
            : await guides.PublishedAsync(Language, destination, query: Query, cancellationToken: cancellationToken);
    }
}
