using System.Globalization;
using Caravan.Core.Guides;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caravan.Web.Pages.Guides;

/// <summary>The youth entry point: safe migration in plain words, the guides written for young people, and where to go next.</summary>
public sealed class YouthModel(GuideQueries guides) : PageModel
{
    public IReadOnlyList<GuideSummary> Guides { get; private set; } = [];

    public string Language => CultureInfo.CurrentUICulture.Name;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Guides = await guides.PublishedAsync(Language, youthOnly: true, cancellationToken: cancellationToken);
}
