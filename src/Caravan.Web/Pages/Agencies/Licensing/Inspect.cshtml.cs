using System.Globalization;
using Caravan.Core.Agencies;
using Caravan.Core.Identity;
using Caravan.Core.Node;
using Caravan.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Pages.Agencies.Licensing;

/// <summary>An officer records an inspection: date, findings, violations from the catalogue, and any proposed sanction with a deadline to respond.</summary>
[Authorize(Roles = Roles.Officer)]
public sealed class InspectModel(LicensingCommands licensing, InspectionCommands inspections, IOptions<NodeOptions> node) : PageModel
{
    public Agency Agency { get; private set; } = null!;

    public IReadOnlyList<ViolationType> Catalogue { get; private set; } = [];

    [BindProperty]
    public string? InspectedOn { get; set; }

    [BindProperty]
    public string? Findings { get; set; }

    [BindProperty]
    public List<string> Violations { get; set; } = [];

    [BindProperty]
    public ProposedSanction? Sanction { get; set; }

    [BindProperty]
    public string? ResponseDeadline { get; set; }

    public async Task<IActionResult> OnGetAsync(string licenceNumber, CancellationToken cancellationToken) =>
        await LoadAsync(licenceNumber, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string licenceNumber, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(licenceNumber, cancellationToken))
        {
            return NotFound();
        }

        var input = new InspectionInput(Date(InspectedOn), Findings, Violations, Sanction, Date(ResponseDeadline));
        foreach (var (field, key) in await inspections.ValidateAsync(input, cancellationToken))
        {
            ModelState.AddModelError(field, key);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        await inspections.RecordAsync(Agency.Id, User.GetUserId()!.Value, input, cancellationToken);
        TempData["Done"] = "Inspection.Recorded";
        return Redirect($"/officer/licensing/agencies/{Agency.LicenceNumber}");
    }

    private static DateOnly? Date(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private async Task<bool> LoadAsync(string licenceNumber, CancellationToken cancellationToken)
    {
        var agency = await licensing.AgencyAsync(licenceNumber.ToUpperInvariant(), cancellationToken);
        if (agency is null || agency.CountryCode != node.Value.Country)
        {
            return false;
        }

        Agency = agency;
        Catalogue = await inspections.CatalogueAsync(activeOnly: true, cancellationToken);
        return true;
    }
}
