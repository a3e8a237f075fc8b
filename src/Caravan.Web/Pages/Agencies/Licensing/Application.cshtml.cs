using System.Globalization;
using Caravan.Core.Agencies;
using Caravan.Core.Identity;
using Caravan.Core.Node;
using Caravan.Core.Reference;
using Caravan.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Pages.Agencies.Licensing;

public enum ApplicationDecision
{
    Approve,
    RequestChanges,
    Refuse,
}

/// <summary>An officer reads a submitted application and decides, always giving reasons.</summary>
[Authorize(Roles = Roles.Officer)]
public sealed class ApplicationModel(LicensingCommands licensing, Catalogue catalogue, IOptions<NodeOptions> node) : PageModel
{
    public LicenceApplication Application { get; private set; } = null!;

    public IReadOnlyDictionary<string, string> CountryNames { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> IscoTitles { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Regions { get; private set; } = new Dictionary<string, string>();

    [BindProperty]
    public ApplicationDecision? Decision { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public string? IssuedLicence { get; private set; }

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

        if (SeenVersion.IsStale(ModelState, Application, Version))
        {
            return Page();
        }

        if (Decision is null)
        {
            ModelState.AddModelError(nameof(Decision), "Licensing.DecisionRequired");
        }

        var reason = Reasons.Read(ModelState, nameof(Reason), Reason);

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = Decision switch
        {
            ApplicationDecision.Approve => (await licensing.ApproveAsync(reference, User.GetUserId()!.Value, reason!, cancellationToken)).Result,
            ApplicationDecision.RequestChanges => await licensing.RequestChangesAsync(reference, reason!, cancellationToken),
            ApplicationDecision.Refuse => await licensing.RefuseAsync(reference, reason!, cancellationToken),
            _ => LicensingResult.NotAllowed,
        };
        if (result != LicensingResult.Done)
        {
            ModelState.AddModelError(nameof(Decision), "Licensing.AlreadyDecided");
            return Page();
        }

        return Redirect($"/officer/licensing/applications/{reference}");
    }

    private async Task<bool> LoadAsync(string reference, CancellationToken cancellationToken)
    {
        var application = await licensing.ApplicationAsync(reference, cancellationToken);
        // Drafts belong to the applicant until sent; an officer sees only what was submitted.
        if (application is null || application.Status == ApplicationStatus.Draft)
        {
            return false;
        }

        Application = application;
        if (application.AgencyId is { } agencyId)
        {
            IssuedLicence = (await licensing.AgencyByIdAsync(agencyId, cancellationToken))?.LicenceNumber;
        }

        var language = CultureInfo.CurrentUICulture.Name;
        CountryNames = await catalogue.CountryNamesAsync(language, cancellationToken);
        IscoTitles = await catalogue.IscoTitlesAsync(language, cancellationToken);
        Regions = await catalogue.SubdivisionsAsync(node.Value.Country, cancellationToken);
        return true;
    }
}
