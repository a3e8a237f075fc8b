using System.Globalization;
using Caravan.Core.Agencies;
using Caravan.Core.Reference;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Pages.Agencies;

public sealed class DetailsModel(
    AgencyQueries agencies, LicensingCommands licensing, InspectionCommands inspections, Catalogue catalogue, IOptions<ScorecardOptions> scorecardOptions,
    Caravan.Core.Cases.CaseQueries cases, LicenceStatements statements) : PageModel
{
    public Agency Agency { get; private set; } = null!;

    public DateOnly Today { get; private set; }

    public IReadOnlyList<string> Destinations { get; private set; } = [];

    public int PublishedVacancies { get; private set; }

    public IReadOnlyList<LicenceEvent> History { get; private set; } = [];

    public IReadOnlyList<Inspection> Inspections { get; private set; } = [];

    public IReadOnlyDictionary<string, ViolationType> Violations { get; private set; } = new Dictionary<string, ViolationType>();

    public AgencyScorecard? Scorecard { get; private set; }

    /// <summary>Proposals raised by substantiated cases, and the officers' decisions: shown to licensing officers only.</summary>
    public IReadOnlyList<Caravan.Core.Cases.SanctionProposal> Proposals { get; private set; } = [];

    public string? RegionName { get; private set; }

    /// <summary>The signed licence statement for inspectors abroad (issue 17); null when the licence may not recruit.</summary>
    public string? Statement { get; private set; }

    public int MinimumCount => scorecardOptions.Value.MinimumCount;

    public bool MayRecruit => Agency.EffectiveStatus(Today) == LicenceStatus.Valid;

    public async Task<IActionResult> OnGetAsync(string licenceNumber, CancellationToken cancellationToken)
    {
        var agency = await agencies.ByLicenceAsync(licenceNumber, cancellationToken);
        if (agency is null)
        {
            return NotFound();
        }

        Agency = agency;
        Today = agencies.Today;
        var names = await catalogue.CountryNamesAsync(CultureInfo.CurrentUICulture.Name, cancellationToken);
        Destinations = agency.Destinations.Select(d => names.TryGetValue(d.CountryCode, out var n) ? n : d.CountryCode)
            .Order(StringComparer.Create(CultureInfo.CurrentCulture, ignoreCase: true)).ToList();
        History = await licensing.HistoryAsync(agency.Id, cancellationToken);
        Inspections = await inspections.ForAgencyAsync(agency.Id, cancellationToken);
        Violations = (await inspections.CatalogueAsync(activeOnly: false, cancellationToken)).ToDictionary(v => v.Code);
        Scorecard = await agencies.ScorecardAsync(agency.Id, cancellationToken);
        Statement = await statements.SignAsync(agency, Today, cancellationToken);
        if (User.IsInRole(Caravan.Core.Identity.Roles.Officer))
        {
            Proposals = await cases.ProposalsAsync(agency.Id, cancellationToken);
        }

        RegionName = agency.RegionCode is { } region
            ? (await catalogue.SubdivisionsAsync(agency.CountryCode, cancellationToken)).GetValueOrDefault(region, region)
            : null;
        PublishedVacancies = MayRecruit ? await agencies.PublishedVacancyCountAsync(agency.Id, cancellationToken) : 0;
        return Page();
    }
}
