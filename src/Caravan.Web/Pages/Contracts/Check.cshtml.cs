using System.Globalization;
using Caravan.Core.Contracts;
using Caravan.Core.Reference;
using Caravan.Web.Api;
using Caravan.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Caravan.Web.Pages.Contracts;

/// <summary>A worker checks a job offer before signing: the same checks as POST /api/v1/contract-checks.</summary>
[EnableRateLimiting(CaravanPolicies.ContractChecks)]
public sealed class CheckModel(ContractChecker checker, Catalogue catalogue) : PageModel
{
    public static readonly IReadOnlyList<string> Currencies = ["RUB", "KZT", "KRW", "TRY", "AED", "USD", "UZS"];

    [BindProperty(Name = "destinationCountry")]
    public string? DestinationCountry { get; set; }

    [BindProperty(Name = "monthlyWage")]
    public decimal? MonthlyWage { get; set; }

    [BindProperty(Name = "wageCurrency")]
    public string? WageCurrency { get; set; }

    [BindProperty(Name = "hoursPerWeek")]
    public int? HoursPerWeek { get; set; }

    [BindProperty(Name = "feesToWorker")]
    public decimal? FeesToWorker { get; set; }

    [BindProperty(Name = "passportHeldBy")]
    public string? PassportHeldBy { get; set; }

    [BindProperty(Name = "agencyLicence")]
    public string? AgencyLicence { get; set; }

    public IReadOnlyList<ContractFlag>? Flags { get; private set; }

    public IReadOnlyDictionary<string, string> CountryNames { get; private set; } = new Dictionary<string, string>();

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        CountryNames = await catalogue.CountryNamesAsync(CultureInfo.CurrentUICulture.Name, cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        CountryNames = await catalogue.CountryNamesAsync(CultureInfo.CurrentUICulture.Name, cancellationToken);
        var request = new ContractCheckRequest(DestinationCountry, MonthlyWage, NullIfEmpty(WageCurrency), HoursPerWeek, FeesToWorker,
            NullIfEmpty(WageCurrency), NullIfEmpty(PassportHeldBy), NullIfEmpty(AgencyLicence));
        foreach (var (field, keys) in ContractChecksEndpoints.Validate(request, out _))
        {
            ModelState.AddModelError(field, keys[0]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        ContractChecksEndpoints.Validate(request, out var terms);
        Flags = await checker.CheckAsync(terms!, cancellationToken);
        return Page();
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
