using Caravan.Core.Identity;
using Caravan.Core.Migrants;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caravan.Web.Pages.Migrants.Officer;

/// <summary>
/// Officers find a person by name in any script or by document number. The search is a POST so that a name or a
/// passport number never lands in a URL, a browser history or an access log line.
/// </summary>
[Authorize(Roles = Roles.CaseWorkers)]
public sealed class SearchModel(RegistryQueries queries) : PageModel
{
    [BindProperty]
    public string? Query { get; set; }

    public IReadOnlyList<PersonRow>? Results { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Query) || Query.Trim().Length < 2 || Query.Length > 200)
        {
            ModelState.AddModelError(nameof(Query), "Persons.QueryRequired");
            return Page();
        }

        Results = await queries.SearchAsync(Query, cancellationToken);
        return Page();
    }
}
