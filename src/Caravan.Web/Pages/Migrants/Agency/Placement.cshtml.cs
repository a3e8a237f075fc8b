using Caravan.Core.Agencies;
using Caravan.Core.Data;
using Caravan.Core.Identity;
using Caravan.Core.Migrants;
using Caravan.Core.Node;
using Caravan.Core.Reference;
using Caravan.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Pages.Migrants.Agency;

/// <summary>
/// An agency records the departure of a worker it placed. It reaches the person only with their registry number and
/// birth date (which the person gives it) and only under the person's consent to share their profile with this agency;
/// it then sees the fields that consent covers — never the document number or phone — and the view is logged.
/// </summary>
[Authorize(Roles = Roles.AgencyStaff)]
public sealed class PlacementModel(
    CaravanDbContext db, RegistryCommands registry, PersonConsents consents, JourneyCommands journeys, Core.Training.DepartureRules rules, Catalogue catalogue, IOptions<NodeOptions> node) : PageModel
{
    [BindProperty] public string? Reference { get; set; }

    [BindProperty] public string? BirthDay { get; set; }

    [BindProperty] public string? BirthMonth { get; set; }

    [BindProperty] public string? BirthYear { get; set; }

    [BindProperty] public DepartureForm Form { get; set; } = new();

    public Person? Person { get; private set; }

    public DepartureFormView View { get; private set; } = null!;

    public IReadOnlyDictionary<string, string> CountryNames { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> IscoTitles { get; private set; } = new Dictionary<string, string>();

    public IActionResult OnGet() => User.GetAgencyId() is null ? Forbid() : Page();

    public async Task<IActionResult> OnPostFindAsync(CancellationToken cancellationToken)
    {
        if (await FindAsync(cancellationToken) is { } other)
        {
            return other;
        }

        if (Person is not null)
        {
            await registry.LogAccessAsync(Person.Id, AccessAction.ViewProfile, RegistryActors.From(User, node.Value) with { Organisation = await AgencyNameAsync(cancellationToken) },
                AccessReasons.Placement, cancellationToken);
            Form.Pad();
            await LoadViewAsync(cancellationToken);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        if (await FindAsync(cancellationToken) is { } other)
        {
            return other;
        }

        if (Person is null)
        {
            return Page();
        }

        var agencyId = User.GetAgencyId()!.Value;
        Form.Independent = "no";
        Form.AgencyLicence = await db.Set<Core.Agencies.Agency>().Where(a => a.Id == agencyId).Select(a => a.LicenceNumber).SingleAsync(cancellationToken);
        var input = await Form.ReadAsync(journeys, catalogue, ModelState, cancellationToken);
        input = await DepartureForm.WithTrainingRuleAsync(input, rules, [Person.Id], ModelState, cancellationToken);
        if (input is null)
        {
            Form.Pad();
            await LoadViewAsync(cancellationToken);
            return Page();
        }

        await journeys.RecordDepartureAsync(Person, input, RecordedBy.Agency, User.GetUserId(), cancellationToken);
        TempData["Placement.Saved"] = Person.Reference;
        return RedirectToPage();
    }

    /// <summary>Checks the number, birth date and consent; the same answer for a wrong number or date, so neither can be probed.</summary>
    private async Task<IActionResult?> FindAsync(CancellationToken cancellationToken)
    {
        if (User.GetAgencyId() is not { } agencyId)
        {
            return Forbid();
        }

        var reference = Reference?.Trim().ToUpperInvariant();
        if (reference is null || !ReferenceCode.IsValid(reference, RegistryCommands.ReferencePrefix))
        {
            ModelState.AddModelError(nameof(Reference), "Placement.ReferenceFormat");
            return null;
        }

        if (!PersonInput.TryParseDate(BirthDay, BirthMonth, BirthYear, out var born))
        {
            ModelState.AddModelError("Birth", "Person.BirthDateInvalid");
            return null;
        }

        var person = await registry.ByReferenceAsync(reference, cancellationToken);
        person = person is null ? null : await registry.ResolveAsync(person, cancellationToken);
        if (person is null || person.Status != PersonStatus.Active || person.BirthDate != born)
        {
            ModelState.AddModelError(nameof(Reference), "Placement.NotFound");
            return null;
        }

        if (!await consents.HasConsentAsync(person.Id, ConsentPurpose.AgencySharing, agencyId, cancellationToken))
        {
            ModelState.AddModelError(nameof(Reference), "Placement.NoConsent");
            return null;
        }

        Person = person;
        return null;
    }

    private async Task<string> AgencyNameAsync(CancellationToken cancellationToken)
    {
        var agencyId = User.GetAgencyId();
        return await db.Set<Core.Agencies.Agency>().Where(a => a.Id == agencyId).Select(a => a.Name).SingleAsync(cancellationToken);
    }

    private async Task LoadViewAsync(CancellationToken cancellationToken)
    {
        var language = System.Globalization.CultureInfo.CurrentUICulture.Name;
        CountryNames = await catalogue.CountryNamesAsync(language, cancellationToken);
        IscoTitles = await catalogue.IscoTitlesAsync(language, cancellationToken);
        View = await DepartureFormView.CreateAsync(catalogue, Form, Person!.Occupations, [.. LicensingRules.Destinations], fixedAgency: true, cancellationToken);
    }
}
