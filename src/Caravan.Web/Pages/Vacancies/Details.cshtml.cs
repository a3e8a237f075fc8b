using System.Globalization;
using Caravan.Core.Reference;
using Caravan.Core.Vacancies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caravan.Web.Pages.Vacancies;

public sealed class DetailsModel(VacancyQueries queries, Catalogue catalogue, TimeProvider time) : PageModel
{
    public Vacancy Vacancy { get; private set; } = null!;

    public string CountryName { get; private set; } = string.Empty;

    public string? Occupation { get; private set; }

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
        Occupation = (await catalogue.IscoTitlesAsync(CultureInfo.CurrentUICulture.Name, cancellationToken)).GetValueOrDefault(vacancy.IscoCode);
        return Page();
    }
}
