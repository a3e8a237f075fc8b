using System.Globalization;
using Caravan.Core.Applications;
using Caravan.Core.Identity;
using Caravan.Core.Migrants;
using Caravan.Core.Node;
using Caravan.Core.Reference;
using Caravan.Core.Vacancies;
using Caravan.Web.Infrastructure;
using Caravan.Web.Pages.Migrants;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Pages.Applications.Agency;

/// <summary>
/// One applicant, as far as they chose to share: the agency shortlists, rejects with a reason, or selects; a selected
/// applicant's departure is recorded here through the placement form every agency uses, already filled from the vacancy.
/// Every opening is logged to the person's access log; every action carries the version the staff member was shown.
/// </summary>
[Authorize(Roles = Roles.AgencyStaff)]
public sealed class ReviewModel(
    ApplicationQueries queries, ApplicationDecisions decisions, VacancyQueries vacancies, JourneyCommands journeys, Catalogue catalogue,
    PersonAccessLog accessLog, IOptions<NodeOptions> node, IStringLocalizer<SharedResource> l) : PageModel
{
    public ApplicantView View { get; private set; } = null!;

    public IReadOnlyDictionary<string, string> CountryNames { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> IscoTitles { get; private set; } = new Dictionary<string, string>();

    [BindProperty]
    public Guid? Version { get; set; }

    [BindProperty]
    public RejectionReason? Reason { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    [BindProperty]
    public DepartureForm Form { get; set; } = new();

    public DepartureFormView? DepartureView { get; private set; }

    public Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) => ShowAsync(id, prefill: true, cancellationToken);

    public Task<IActionResult> OnPostShortlistAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, agency => decisions.ShortlistAsync(agency, id, Version, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostRejectAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, agency => decisions.RejectAsync(agency, id, Version, Reason, Note, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostSelectAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, agency => decisions.SelectAsync(agency, id, Version, cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostPlaceAsync(Guid id, CancellationToken cancellationToken)
    {
        if (User.GetAgencyId() is not { } agencyId)
        {
            return Forbid();
        }

        var view = await queries.ForAgencyAsync(agencyId, id, CultureInfo.CurrentUICulture.Name, cancellationToken);
        if (view is null)
        {
            return NotFound();
        }

        // The placement is always this agency's, whatever the form says.
        Form.Independent = "no";
        Form.AgencyLicence = (await vacancies.ForAgencyAsync(agencyId, view.Application.VacancyReference, cancellationToken))?.Agency?.LicenceNumber;
        var input = await Form.ReadAsync(journeys, catalogue, ModelState, cancellationToken);
        if (input is null)
        {
            return await ShowAsync(id, prefill: false, cancellationToken);
        }

        return await ActAsync(id, agency => decisions.PlaceAsync(agency, id, Version, input, User.GetUserId(), cancellationToken), cancellationToken);
    }

    private async Task<IActionResult> ActAsync(Guid id, Func<Guid, Task<ApplicationResult>> act, CancellationToken cancellationToken)
    {
        if (User.GetAgencyId() is not { } agencyId)
        {
            return Forbid();
        }

        var result = await act(agencyId);
        if (!result.Succeeded)
        {
            if (result.Error == "Application.NotFound")
            {
                return NotFound();
            }

            ModelState.AddModelError(string.Empty, l[result.Error!, result.Arguments]);
            return await ShowAsync(id, prefill: true, cancellationToken);
        }

        TempData["Application.Decided"] = result.Application!.Status.ToString();
        return RedirectToPage(new { id });
    }

    private async Task<IActionResult> ShowAsync(Guid id, bool prefill, CancellationToken cancellationToken)
    {
        if (User.GetAgencyId() is not { } agencyId)
        {
            return Forbid();
        }

        var language = CultureInfo.CurrentUICulture.Name;
        var view = await queries.ForAgencyAsync(agencyId, id, language, cancellationToken);
        if (view is null)
        {
            return NotFound();
        }

        View = view;
        if (view.Shared)
        {
            await accessLog.RecordViewAsync(view.Application.PersonId, RegistryActors.From(User, node.Value), AccessReasons.Application, cancellationToken);
        }

        CountryNames = await catalogue.CountryNamesAsync(language, cancellationToken);
        IscoTitles = await catalogue.IscoTitlesAsync(language, cancellationToken);
        if (view.Application.Status == JobApplicationStatus.Selected && view.Shared)
        {
            var vacancy = await vacancies.ForAgencyAsync(agencyId, view.Application.VacancyReference, cancellationToken);
            if (prefill && vacancy is not null)
            {
                Prefill(vacancy);
            }

            // A stale version posted back must not be refreshed by the redisplay: the staff member has to see the change.
            if (prefill)
            {
                ModelState.Remove(nameof(Version));
                Version = view.Application.Version;
            }

            Form.Pad();
            var occupations = (view.Person?.Occupations ?? []).Concat(vacancy is null ? [] : [vacancy.IscoCode]).Distinct(StringComparer.Ordinal).ToList();
            DepartureView = await DepartureFormView.CreateAsync(catalogue, Form, occupations, [view.Application.Destination], fixedAgency: true, cancellationToken);
        }
        else
        {
            ModelState.Remove(nameof(Version));
            Version = view.Application.Version;
        }

        return Page();
    }

    /// <summary>The departure form starts from the vacancy's terms; the agency corrects what changed (the date, at least).</summary>
    private void Prefill(Vacancy v)
    {
        Form.Destination = v.DestinationCountry;
        Form.City = v.City;
        Form.EmployerName = v.Employer?.Name;
        Form.Occupation = v.IscoCode;
        Form.Wage = v.WageAmount.ToString(CultureInfo.InvariantCulture);
        Form.Currency = v.WageCurrency;
        Form.HoursPerWeek = v.HoursPerWeek.ToString(CultureInfo.InvariantCulture);
        Form.ContractMonths = v.ContractMonths.ToString(CultureInfo.InvariantCulture);
    }
}
