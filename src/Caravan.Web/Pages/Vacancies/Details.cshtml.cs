using System.Globalization;
using Caravan.Core.Agencies;
using Caravan.Core.Reference;
using Caravan.Core.Vacancies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Pages.Vacancies;

public sealed class DetailsModel(
    VacancyQueries queries, VacancyCommands commands, AgencyQueries agencies, Catalogue catalogue, TimeProvider time, IOptions<ScorecardOptions> scorecardOptions) : PageModel
{
    public Vacancy Vacancy { get; private set; } = null!;

    public string CountryName { get; private set; } = string.Empty;

    public string? Occupation { get; private set; }

    public (string Title, string Description, string? Language) Text { get; private set; }

    public IReadOnlyList<VacancyCheck> Checks { get; private set; } = [];

    public AgencyScorecard? Scorecard { get; private set; }

    public int MinimumCount => scorecardOptions.Value.MinimumCount;

    public IReadOnlyDictionary<string, string> CountryNames { get; private set; } = new Dictionary<string, string>();

    public DateOnly Today { get; } = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        var vacancy = await queries.PublishedByReferenceAsync(reference, cancellationToken);
        if (vacancy is null)
        {
            return NotFound();
        }

        Vacancy = vacancy;
        CountryName = await catalogue.CountryNameAsync(vacancy.DestinationCountry, CultureInfo.CurrentUICulture.Name, cancellationToken);
        Text = vacancy.TextFor(CultureInfo.CurrentUICulture.Name);
        Checks = await commands.RecheckAsync(vacancy, cancellationToken);
        Scorecard = await agencies.ScorecardAsync(vacancy.AgencyId, cancellationToken);
        CountryNames = await catalogue.CountryNamesAsync(CultureInfo.CurrentUICulture.Name, cancellationToken);
        Occupation = (await catalogue.IscoTitlesAsync(CultureInfo.CurrentUICulture.Name, cancellationToken)).GetValueOrDefault(vacancy.IscoCode);
        return Page();
    }
}
