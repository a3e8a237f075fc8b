using System.Globalization;
using Caravan.Core.Coordination;
using Caravan.Core.Reference;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caravan.Web.Pages.Plans;

/// <summary>
/// One party's report on a shared plan: the status and notes of its part in an activity, its follow-up of a
/// recommendation, or the actual value of an indicator that Caravan does not compute. Saved here and sent on.
/// </summary>
[Authorize(Roles = PlanRoles.Reporters)]
public sealed class UpdateModel(PlanQueries plans, PlanCommands commands, Catalogue catalogue) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Item { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Country { get; set; }

    [BindProperty]
    public string? Status { get; set; }

    [BindProperty]
    public string? Notes { get; set; }

    [BindProperty]
    public string? Value { get; set; }

    public ActionPlan Plan { get; private set; } = null!;

    public PlanUpdateKind UpdateKind { get; private set; }

    /// <summary>What is being reported on, as its code and title.</summary>
    public string Subject { get; private set; } = string.Empty;

    public string CountryName { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        var found = await LoadAsync(code, cancellationToken);
        if (found is not null)
        {
            return found;
        }

        // The form starts from what the party last reported.
        if (UpdateKind == PlanUpdateKind.Part && Plan.Activities.First(a => a.Code == Item).Parts.FirstOrDefault(p => p.Country == Country) is { } part)
        {
            (Status, Notes) = (part.Status.ToString(), part.Notes);
        }
        else if (UpdateKind == PlanUpdateKind.FollowUp && Plan.Recommendations.First(r => r.Code == Item).FollowUps.FirstOrDefault(f => f.Country == Country) is { } followUp)
        {
            (Status, Notes) = (followUp.Status.ToString(), followUp.Notes);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken cancellationToken)
    {
        var found = await LoadAsync(code, cancellationToken);
        if (found is not null)
        {
            return found;
        }

        PlanResult result;
        if (UpdateKind == PlanUpdateKind.Value)
        {
            var value = decimal.TryParse(Value?.Trim().Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) ? parsed : (decimal?)null;
            result = await commands.SetValueAsync(Plan, Item!, Country!, value, cancellationToken);
        }
        else
        {
            var status = Enum.TryParse<PlanStatus>(Status, out var parsed) && Enum.IsDefined(parsed) ? parsed : (PlanStatus?)null;
            result = await commands.ReportAsync(Plan, UpdateKind, Item!, Country!, status, Notes, cancellationToken);
        }

        foreach (var problem in result.Problems)
        {
            ModelState.AddModelError(problem.Field, problem.Key);
        }

        return result.Succeeded ? Redirect($"/plans/{Uri.EscapeDataString(Plan.Code)}") : Page();
    }

    /// <summary>Null when the plan, the item and the country exist and this person may report for it; else the answer to give.</summary>
    private async Task<IActionResult?> LoadAsync(string code, CancellationToken cancellationToken)
    {
        var plan = await plans.FindAsync(code, cancellationToken);
        PlanUpdateKind? kind = Kind switch { "part" => PlanUpdateKind.Part, "followUp" => PlanUpdateKind.FollowUp, "value" => PlanUpdateKind.Value, _ => null };
        if (plan is null || kind is null || Country is null)
        {
            return NotFound();
        }

        Plan = plan;
        UpdateKind = kind.Value;
        var subject = kind == PlanUpdateKind.Part ? plan.Activities.FirstOrDefault(a => a.Code == Item) is { } a ? $"{a.Code}. {a.Title}" : null
            : kind == PlanUpdateKind.FollowUp ? plan.Recommendations.FirstOrDefault(r => r.Code == Item) is { } r ? $"{r.Code}. {r.Text}" : null
            : plan.Indicators.FirstOrDefault(i => i.Code == Item && i.Linked == null) is { } i ? $"{i.Code}. {i.Title}" : null;
        if (subject is null || !plan.PartyList.Contains(Country))
        {
            return NotFound();
        }

        if (!commands.MaySpeakFor(plan, Country))
        {
            return Forbid();
        }

        Subject = subject;
        CountryName = await catalogue.CountryNameAsync(Country, CultureInfo.CurrentUICulture.Name, cancellationToken);
        return null;
    }
}
