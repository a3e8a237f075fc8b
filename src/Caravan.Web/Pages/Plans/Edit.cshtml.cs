using System.Globalization;
using Caravan.Core.Coordination;
using Caravan.Core.Statistics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Caravan.Web.Pages.Plans;

/// <summary>
/// The secretariat builds a shared plan on the hub: activities with a lead agency per party and a deadline,
/// indicators with a baseline and a target (linked to a Caravan indicator where one measures it), and the
/// recommendations of regional meetings. Each addition reaches every party's node.
/// </summary>
[Authorize(Roles = PlanRoles.Editors)]
public sealed class EditModel(PlanQueries plans, PlanCommands commands, IStringLocalizer<SharedResource> l, Microsoft.Extensions.Options.IOptions<Caravan.Core.Node.NodeOptions> node) : PageModel
{
    public ActionPlan Plan { get; private set; } = null!;

    [TempData]
    public string? Added { get; set; }

    [BindProperty]
    public string? ActivityCode { get; set; }

    [BindProperty]
    public string? ActivityTitle { get; set; }

    [BindProperty]
    public string? DeadlineDay { get; set; }

    [BindProperty]
    public string? DeadlineMonth { get; set; }

    [BindProperty]
    public string? DeadlineYear { get; set; }

    [BindProperty]
    public Dictionary<string, string?> Leads { get; set; } = [];

    [BindProperty]
    public string? IndicatorCode { get; set; }

    [BindProperty]
    public string? IndicatorTitle { get; set; }

    [BindProperty]
    public string? Unit { get; set; }

    [BindProperty]
    public string? Baseline { get; set; }

    [BindProperty]
    public string? Target { get; set; }

    [BindProperty]
    public string? Linked { get; set; }

    [BindProperty]
    public string? RecommendationCode { get; set; }

    [BindProperty]
    public string? Meeting { get; set; }

    [BindProperty]
    public string? Text { get; set; }

    public IReadOnlyList<KeyValuePair<string, string>> LinkChoices =>
        [.. Indicators.All.Select(i => new KeyValuePair<string, string>(i.Code, l[$"Indicator.{i.Code}.Name"]))];

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken) =>
        await LoadAsync(code, cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostActivityAsync(string code, CancellationToken cancellationToken) =>
        ChangeAsync(code, "Activity", plan => commands.AddActivityAsync(plan, new ActivityInput(ActivityCode, ActivityTitle, Caravan.Web.Infrastructure.FormDates.From(DeadlineDay, DeadlineMonth, DeadlineYear), Leads), cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostIndicatorAsync(string code, CancellationToken cancellationToken) =>
        ChangeAsync(code, "Indicator", async plan =>
        {
            // A baseline or target that is not a number is an error to show, not a blank to save.
            List<PlanProblem> numbers = [.. new[] { ("Baseline", Baseline), ("Target", Target) }
                .Where(f => !string.IsNullOrWhiteSpace(f.Item2) && Number(f.Item2) is null).Select(f => new PlanProblem(f.Item1, "Plans.Error.Number"))];
            return numbers.Count > 0 ? new PlanResult(numbers, 0)
                : await commands.AddIndicatorAsync(plan, new IndicatorInput(IndicatorCode, IndicatorTitle, Unit, Number(Baseline), Number(Target), Linked), cancellationToken);
        }, cancellationToken);

    public Task<IActionResult> OnPostRecommendationAsync(string code, CancellationToken cancellationToken) =>
        ChangeAsync(code, "Recommendation", plan => commands.AddRecommendationAsync(plan, new RecommendationInput(RecommendationCode, Meeting, Text), cancellationToken), cancellationToken);

    private async Task<IActionResult> ChangeAsync(string code, string prefix, Func<ActionPlan, Task<PlanResult>> change, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(code, cancellationToken))
        {
            return NotFound();
        }

        var result = await change(Plan);
        foreach (var problem in result.Problems)
        {
            // The forms share a page, so each field's name says which form it belongs to.
            var field = problem.Field switch
            {
                "Code" => prefix + "Code",
                "Title" => prefix + "Title",
                var f when f.StartsWith("Lead-", StringComparison.Ordinal) => "Leads[" + f["Lead-".Length..] + "]",
                var f => f,
            };
            ModelState.AddModelError(field, problem.Key);
        }

        if (!result.Succeeded)
        {
            return Page();
        }

        Added = prefix;
        return Redirect($"/plans/{Uri.EscapeDataString(Plan.Code)}/edit");
    }

    private async Task<bool> LoadAsync(string code, CancellationToken cancellationToken)
    {
        if (!node.Value.IsHub || await plans.FindAsync(code, cancellationToken) is not { } plan)
        {
            return false;
        }

        Plan = plan;
        return true;
    }

    private static decimal? Number(string? text) =>
        decimal.TryParse(text?.Trim().Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : null;
}
