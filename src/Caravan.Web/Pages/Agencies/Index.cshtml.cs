using System.Globalization;
using Caravan.Core.Agencies;
using Caravan.Core.Data;
using Caravan.Core.Reference;
using Caravan.Core.Vacancies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caravan.Web.Pages.Agencies;

/// <summary>The public register, and the answer to "is this agency licensed?" in one step.</summary>
public sealed class IndexModel(AgencyQueries agencies, Catalogue catalogue) : PageModel
{
    public const int PageSize = 20;

    public static readonly IReadOnlyList<LicenceStatus> Statuses = [LicenceStatus.Valid, LicenceStatus.Suspended, LicenceStatus.Revoked, LicenceStatus.Expired];

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "status")]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "destination")]
    public string? Destination { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public PagedResult<Agency> Result { get; private set; } = new([], 1, PageSize, 0);

    public IReadOnlyDictionary<string, string> CountryNames { get; private set; } = new Dictionary<string, string>();

    public DateOnly Today { get; private set; }

    /// <summary>Set when the search text is shaped like a licence number but its check digit is wrong.</summary>
    public bool MistypedLicence { get; private set; }

    public bool Searched => !string.IsNullOrWhiteSpace(Query) || Status is not null || Destination is not null;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Query = Query?.Trim();
        if (Query is { Length: > 200 })
        {
            Query = Query[..200];
        }

        var licenceShaped = Query is not null && Query.StartsWith(AgencyQueries.LicencePrefix + "-", StringComparison.OrdinalIgnoreCase);
        if (licenceShaped)
        {
            var exact = await agencies.ByLicenceAsync(Query!, cancellationToken);
            if (exact is not null)
            {
                return RedirectToPage("/Agencies/Details", new { licenceNumber = exact.LicenceNumber });
            }

            MistypedLicence = !ReferenceCode.IsValid(Query!.ToUpperInvariant(), AgencyQueries.LicencePrefix);
        }

        LicenceStatus? status = Enum.TryParse<LicenceStatus>(Status, out var s) && Statuses.Contains(s) ? s : null;
        Status = status?.ToString();
        if (Destination is not null && (Destination.Length != 2 || !Destination.All(char.IsAsciiLetterUpper)))
        {
            Destination = null;
        }

        PageNumber = Math.Max(1, PageNumber);
        Today = agencies.Today;
        CountryNames = await catalogue.CountryNamesAsync(CultureInfo.CurrentUICulture.Name, cancellationToken);
        Result = await agencies.SearchAsync(new AgencyFilter(Query, status, Destination, PageNumber, PageSize), cancellationToken);
        return Page();
    }

    public string PageLink(int page) =>
        $"/agencies?page={page}&q={Uri.EscapeDataString(Query ?? string.Empty)}&status={Status}&destination={Destination}";
}
