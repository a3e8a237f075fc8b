using Caravan.Core.Agencies;
using Caravan.Core.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caravan.Web.Pages.Admin;

/// <summary>The node's catalogue of violations that inspectors choose from. Entries are retired, never deleted, so past inspections keep their meaning.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class ViolationsModel(InspectionCommands inspections) : PageModel
{
    public IReadOnlyList<ViolationType> Catalogue { get; private set; } = [];

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public ViolationSeverity? Severity { get; set; }

    [BindProperty]
    public bool FeeViolation { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Catalogue = await inspections.CatalogueAsync(activeOnly: false, cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        Catalogue = await inspections.CatalogueAsync(activeOnly: false, cancellationToken);
        if (Code is null || Code.Trim().Length is < 2 or > 20 || !Code.Trim().All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            ModelState.AddModelError(nameof(Code), "Violations.CodeInvalid");
        }

        if (string.IsNullOrWhiteSpace(Title) || Title.Trim().Length > 200)
        {
            ModelState.AddModelError(nameof(Title), "Violations.TitleRequired");
        }

        if (Severity is null)
        {
            ModelState.AddModelError(nameof(Severity), "Violations.SeverityRequired");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (!await inspections.AddViolationTypeAsync(Code!, Title!, Severity!.Value, FeeViolation, cancellationToken))
        {
            ModelState.AddModelError(nameof(Code), "Violations.CodeTaken");
            return Page();
        }

        return Redirect("/admin/violations");
    }

    public async Task<IActionResult> OnPostToggleAsync(string code, bool active, CancellationToken cancellationToken) =>
        await inspections.SetActiveAsync(code, active, cancellationToken) ? Redirect("/admin/violations") : NotFound();
}
