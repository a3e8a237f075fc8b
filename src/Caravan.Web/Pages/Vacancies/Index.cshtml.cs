using System.Globalization;
using Caravan.Core.Reference;
using Caravan.Core.Vacancies;
using Caravan.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caravan.Web.Pages.Vacancies;

public sealed class IndexModel(VacancyQueries queries, Catalogue catalogue) : PageModel
{
    public const int PageSize = 10;

    /// <summary>Destinations offered in the filter: the corridors the demo and the region use most.</summary>
    public static readonly IReadOnlyList<string> Destinations = ["RU", "KZ", "KR", "TR", "AE"];

    [BindProperty(SupportsGet = true, Name = "destination")]
    public string? Destination { get; set; }

    [BindProperty(SupportsGet = true, Name = "isco")]
    public string? Isco { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    /// <summary>Minimum monthly wage, in <see cref="WageCurrency"/>.</summary>
    [BindProperty(SupportsGet = true, Name = "minWage")]
    public string? MinWage { get; set; }

    [BindProperty(SupportsGet = true, Name = "currency")]
    public string? WageCurrency { get; set; }

    [BindProperty(SupportsGet = true, Name = "noFees")]
    public bool NoFees { get; set; }

    [BindProperty(SupportsGet = true, Name = "sort")]
    public string? Sort { get; set; }

    public static readonly IReadOnlyList<string> WageCurrencies = ["USD", "UZS", "RUB", "KZT", "KRW", "TRY", "AED", "EUR"];

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public PagedResult<VacancyListItem> Result { get; private set; } = new([], 1, PageSize, 0);

    public IReadOnlyDictionary<string, string> CountryNames { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> IscoTitles { get; private set; } = new Dictionary<string, string>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // Bad filter values from a hand-edited URL are dropped rather than failing the page.
        if (Destination is not null && !Destinations.Contains(Destination, StringComparer.Ordinal))
        {
            Destination = null;
        }

        if (Isco is not null && (Isco.Length != 1 || !char.IsAsciiDigit(Isco[0])))
        {
            Isco = null;
        }

        PageNumber = Math.Max(1, PageNumber);
        CountryNames = await catalogue.CountryNamesAsync(CultureInfo.CurrentUICulture.Name, cancellationToken);
        IscoTitles = await catalogue.IscoTitlesAsync(CultureInfo.CurrentUICulture.Name, cancellationToken);
        Query = Query?.Trim() is { Length: > 0 } q ? q[..Math.Min(q.Length, 200)] : null;
        decimal? minimum = Formats.TryParseAmount(MinWage, out var m) && m > 0 ? m : null;
        MinWage = minimum is null ? null : MinWage!.Trim();
        WageCurrency = WageCurrency is not null && WageCurrencies.Contains(WageCurrency) ? WageCurrency : "USD";
        Sort = Sort == "wage" ? "wage" : null;
        Result = await queries.PublishedListAsync(new VacancyFilter(Destination, Isco, PageNumber, PageSize)
        {
            Query = Query,
            MinWage = minimum,
            MinWageCurrency = WageCurrency,
            FeeFreeOnly = NoFees,
            Sort = Sort == "wage" ? VacancySort.Wage : VacancySort.Newest,
        }, CultureInfo.CurrentUICulture.Name, cancellationToken);
    }

    public string PageLink(int page) =>
        $"/vacancies?page={page}" + (Destination is null ? string.Empty : $"&destination={Destination}") + (Isco is null ? string.Empty : $"&isco={Isco}")
        + (Query is null ? string.Empty : $"&q={Uri.EscapeDataString(Query)}")
        + (MinWage is null ? string.Empty : $"&minWage={Uri.EscapeDataString(MinWage)}&currency={WageCurrency}")
        + (NoFees ? "&noFees=true" : string.Empty) + (Sort is null ? string.Empty : $"&sort={Sort}");
}
