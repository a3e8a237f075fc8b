using System.Globalization;
using Caravan.Core.Guides;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caravan.Web.Pages.Guides;

/// <summary>One published guide, in the reader's language where there is one, with when its facts were last checked.</summary>
public sealed class ReadModel(GuideQueries guides) : PageModel
{
    public GuidePage? Found { get; private set; }

    public string Language => CultureInfo.CurrentUICulture.Name;

    public bool InReaderLanguage => Found is not null && GuideQueries.SameLanguage(Found.Guide.Language, Language);

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        Found = await guides.PublishedAsync(slug, Language, cancellationToken);
        return Found is null ? NotFound() : Page();
    }
}
