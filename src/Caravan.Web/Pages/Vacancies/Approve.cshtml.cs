using System.Globalization;
using Caravan.Core.Identity;
using Caravan.Core.Node;
using Caravan.Core.Reference;
using Caravan.Core.Vacancies;
using Caravan.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Pages.Vacancies;

public enum VacancyDecision
{
    Approve,
    Reject,
}

/// <summary>An officer reads a submitted vacancy and the result of every check, then publishes or rejects it.</summary>
[Authorize(Roles = Roles.Officer)]
public sealed class ApproveModel(VacancyCommands commands, Catalogue catalogue, IOptions<NodeOptions> node) : PageModel
{
    public Vacancy Vacancy { get; private set; } = null!;

    public IReadOnlyList<VacancyCheck> Checks { get; private set; } = [];

    public IReadOnlyDictionary<string, string> CountryNames { get; private set; } = new Dictionary<string, string>();

    public bool CanApprove => !Checks.Any(c => c.Blocks);

    [BindProperty]
    public VacancyDecision? Decision { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    /// <summary>The record's version when the form was shown (<see cref="SeenVersion"/>).</summary>
    [BindProperty]
    public Guid? Version { get; set; }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken) =>
        await LoadAsync(reference, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string reference, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(reference, cancellationToken))
        {
            return NotFound();
        }

        if (SeenVersion.IsStale(ModelState, Vacancy, Version))
        {
            return Page();
        }

        var note = Note?.Trim();
        if (Decision is null)
        {
            ModelState.AddModelError(nameof(Decision), "Licensing.DecisionRequired");
        }
        else if (Decision == VacancyDecision.Reject && string.IsNullOrEmpty(note))
        {
            ModelState.AddModelError(nameof(Note), "Licensing.ReasonRequired");
        }

        if (note?.Length > VacancyCommands.MaxReasonLength)
        {
            ModelState.AddModelError(nameof(Note), "Review.NoteTooLong");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var country = node.Value.Country;
        if (Decision == VacancyDecision.Approve)
        {
            var (status, checks) = await commands.ApproveAsync(reference, country, note, cancellationToken);
            if (status == ReviewStatus.Blocked)
            {
                Checks = checks;
                ModelState.AddModelError(nameof(Decision), "Review.Blocked");
                return Page();
            }

            if (status != ReviewStatus.Done)
            {
                ModelState.AddModelError(nameof(Decision), "Review.NotPending");
                return Page();
            }
        }
        else if (await commands.RejectAsync(reference, country, note!, cancellationToken) != ReviewStatus.Done)
        {
            ModelState.AddModelError(nameof(Decision), "Review.NotPending");
            return Page();
        }

        return Redirect("/officer/vacancies");
    }

    private async Task<bool> LoadAsync(string reference, CancellationToken cancellationToken)
    {
        var vacancy = await commands.ForReviewAsync(reference, node.Value.Country, cancellationToken);
        if (vacancy is null)
        {
            return false;
        }

        Vacancy = vacancy;
        Checks = await commands.RecheckAsync(vacancy, cancellationToken);
        CountryNames = await catalogue.CountryNamesAsync(CultureInfo.CurrentUICulture.Name, cancellationToken);
        return true;
    }
}
