using System.Globalization;
using Caravan.Core.Guides;
using Caravan.Core.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caravan.Web.Pages.Guides.Manage;

/// <summary>A second officer reads the text as readers will see it, confirms the date its facts were checked, and publishes it or sends it back.</summary>
[Authorize(Roles = Roles.Officer)]
public sealed class ReviewModel(GuideCommands commands, GuideQueries guides, TimeProvider time) : PageModel
{
    public Guide? Guide { get; private set; }

    public RenderedGuide? Rendered { get; private set; }

    [BindProperty(Name = "checkedDay")]
    public string? CheckedDay { get; set; }

    [BindProperty(Name = "checkedMonth")]
    public string? CheckedMonth { get; set; }

    [BindProperty(Name = "checkedYear")]
    public string? CheckedYear { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        (CheckedDay, CheckedMonth, CheckedYear) = (today.Day.ToString(CultureInfo.InvariantCulture), today.Month.ToString(CultureInfo.InvariantCulture), today.Year.ToString(CultureInfo.InvariantCulture));
        return Page();
    }

    public async Task<IActionResult> OnPostPublishAsync(Guid id, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (!DateOnly.TryParseExact($"{CheckedYear}-{CheckedMonth?.PadLeft(2, '0')}-{CheckedDay?.PadLeft(2, '0')}", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var checkedOn)
            || checkedOn > today)
        {
            ModelState.AddModelError("checked", "Guide.Error.CheckedOn");
        }

        var result = ModelState.IsValid ? await commands.PublishAsync(id, checkedOn, cancellationToken) : GuideResult.Invalid;
        if (result == GuideResult.Done)
        {
            return Redirect("/guides/manage");
        }

        if (result == GuideResult.NotFound || !await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (result is GuideResult.NotInReview or GuideResult.OwnText)
        {
            ModelState.AddModelError(string.Empty, "Guide.Error." + result);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostReturnAsync(Guid id, CancellationToken cancellationToken)
    {
        var result = await commands.ReturnAsync(id, cancellationToken);
        if (result == GuideResult.Done)
        {
            return Redirect("/guides/manage");
        }

        if (result == GuideResult.NotFound || !await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        ModelState.AddModelError(string.Empty, "Guide.Error." + result);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        Guide = await guides.ByIdAsync(id, cancellationToken);
        Rendered = Guide is null ? null : GuideMarkdown.Render(Guide.Body);
        return Guide is not null;
    }
}
