using System.Globalization;
using Caravan.Core.Exchange;
using Caravan.Core.Identity;
using Caravan.Core.Node;
using Caravan.Core.Reference;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Pages.Exchange;

/// <summary>
/// A destination officer registers a foreign worker's work permit or contract, naming the worker only by the code on
/// their departure card, or by their passport number, which leaves the node only as a hash under the agreed key. The report goes to the worker's country in the background; the list shows where it is.
/// </summary>
[Authorize(Roles = Roles.Officer)]
public sealed class EmploymentModel(EmploymentReports reports, Catalogue catalogue, IOptions<NodeOptions> node) : PageModel
{
    [BindProperty]
    public Guid? PartnerId { get; set; }

    [BindProperty]
    public string? CardCode { get; set; }

    /// <summary>Never kept, logged or sent: only its hash under the key agreed with the partner leaves the node.</summary>
    [BindProperty]
    public string? PassportNumber { get; set; }

    [BindProperty]
    public string? PermitKind { get; set; }

    [BindProperty]
    public string? Occupation { get; set; }

    [BindProperty]
    public string? Region { get; set; }

    [BindProperty]
    public string? EmployerName { get; set; }

    [BindProperty]
    public string? OnDay { get; set; }

    [BindProperty]
    public string? OnMonth { get; set; }

    [BindProperty]
    public string? OnYear { get; set; }

    public IReadOnlyList<KeyValuePair<string, string>> Partners { get; private set; } = [];

    public IReadOnlyList<KeyValuePair<string, string>> Occupations { get; private set; } = [];

    public IReadOnlyList<KeyValuePair<string, string>> Regions { get; private set; } = [];

    public IReadOnlyList<EmploymentReportRow> Recent { get; private set; } = [];

    public string? Refused { get; private set; }

    [TempData]
    public string? Sent { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var on = Caravan.Web.Infrastructure.FormDates.From(OnDay, OnMonth, OnYear);
        var (report, errors, decision) = await reports.RegisterAsync(new EmploymentInput(PartnerId, CardCode, PermitKind, Occupation, Region, EmployerName, on) { PassportNumber = PassportNumber }, cancellationToken);
        foreach (var error in errors)
        {
            ModelState.AddModelError(error.Field == nameof(EmploymentInput.RegisteredOn) ? "On" : error.Field, error.Key);
        }

        if (report is null)
        {
            if (errors.Count == 0)
            {
                // The trust list changed between showing the form and sending it: say why nothing was sent.
                Refused = "Exchange.Refused." + decision;
            }

            await LoadAsync(cancellationToken);
            return Page();
        }

        Sent = report.CardCode ?? report.DocumentHint;
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var language = CultureInfo.CurrentUICulture.Name;
        Partners = [.. (await reports.PartnersAsync(cancellationToken)).Select(p => new KeyValuePair<string, string>(p.Id.ToString(), $"{p.Name} ({p.Country})"))];
        var titles = await catalogue.IscoTitlesAsync(language, cancellationToken);
        Occupations = [.. (await catalogue.IscoUnitCodesAsync(cancellationToken)).Order(StringComparer.Ordinal)
            .Select(o => new KeyValuePair<string, string>(o, $"{o} {titles.GetValueOrDefault(o, o)}"))];
        Regions = [.. (await catalogue.SubdivisionsAsync(node.Value.Country, cancellationToken)).OrderBy(r => r.Value, StringComparer.CurrentCulture)];
        Recent = await reports.RecentAsync(cancellationToken: cancellationToken);
    }
}
