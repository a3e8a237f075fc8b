using Caravan.Core.Guides;
using Caravan.Core.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caravan.Web.Pages.Guides.Manage;

/// <summary>
/// Writing a guide in Markdown: preview (rendered and sanitised exactly as readers will see it), save a draft, or save
/// and send it for review. Works without JavaScript: preview is a form post that comes back to the same form.
/// </summary>
[Authorize(Roles = Roles.Officer)]
public sealed class EditModel(GuideCommands commands, GuideQueries guides) : PageModel
{
    public static readonly IReadOnlyList<string> Destinations = ["RU", "KZ", "KR", "TR", "AE"];

    [BindProperty]
    public Guid? Version { get; set; }

    [BindProperty]
    public string? Slug { get; set; }

    [BindProperty]
    public string? Language { get; set; }

    [BindProperty]
    public GuideKind Kind { get; set; }

    [BindProperty]
    public string? DestinationCountry { get; set; }

    [BindProperty]
    public bool ForYouth { get; set; }

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? Summary { get; set; }

    [BindProperty]
    public string? Body { get; set; }

    public Guid? Id { get; private set; }

    public GuideStatus? Status { get; private set; }

    public RenderedGuide? Preview { get; private set; }

    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? id, bool saved, CancellationToken cancellationToken)
    {
        Saved = saved;
        if (id is null)
        {
            Language = "ru";
            return Page();
        }

        var guide = await guides.ByIdAsync(id.Value, cancellationToken);
        if (guide is null)
        {
            return NotFound();
        }

        (Id, Status, Version, Slug, Language, Kind, DestinationCountry, ForYouth, Title, Summary, Body) =
            (guide.Id, guide.Status, guide.Version, guide.Slug, guide.Language, guide.Kind, guide.DestinationCountry, guide.ForYouth, guide.Title, guide.Summary, guide.Body);
        return Page();
    }

    public IActionResult OnPostPreview(Guid? id)
    {
        Id = id;
        Preview = GuideMarkdown.Render(Body ?? string.Empty);
        return Page();
    }

    public Task<IActionResult> OnPostSaveAsync(Guid? id, CancellationToken cancellationToken) => SaveAsync(id, submit: false, cancellationToken);

    public Task<IActionResult> OnPostSubmitAsync(Guid? id, CancellationToken cancellationToken) => SaveAsync(id, submit: true, cancellationToken);

    private async Task<IActionResult> SaveAsync(Guid? id, bool submit, CancellationToken cancellationToken)
    {
        Id = id;
        var input = new GuideInput
        {
            Slug = Slug,
            Language = Language,
            Kind = Kind,
            DestinationCountry = DestinationCountry,
            ForYouth = ForYouth,
            Title = Title,
            Summary = Summary,
            Body = Body,
        };
        var outcome = await commands.SaveAsync(id, input, Version, cancellationToken);
        switch (outcome.Result)
        {
            case GuideResult.NotFound:
                return NotFound();
            case GuideResult.Stale:
                ModelState.AddModelError(string.Empty, "Guide.Error.Stale");
                return Page();
            case GuideResult.Invalid or GuideResult.SlugTaken:
                foreach (var (field, key) in outcome.Errors)
                {
                    ModelState.AddModelError(field, key);
                }

                return Page();
        }

        if (submit)
        {
            await commands.SubmitForReviewAsync(outcome.Guide!.Id, cancellationToken);
        }

        return RedirectToPage(new { id = outcome.Guide!.Id, saved = true });
    }
}
