using System.Globalization;
using Caravan.Core.Data;
using Caravan.Core.Identity;
using Caravan.Core.Reference;
using Caravan.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Web.Pages.Admin;

/// <summary>
/// The node's minimum-wage and exchange-rate tables. Vacancy checks and the wage filter read them, so each change
/// records its source and date, and the context audits it.
/// </summary>
[Authorize(Roles = Roles.Admin)]
public sealed class RatesModel(CaravanDbContext db, Catalogue catalogue) : PageModel
{
    public IReadOnlyList<MinimumWage> Minimums { get; private set; } = [];

    public IReadOnlyList<ExchangeRate> Rates { get; private set; } = [];

    public IReadOnlyDictionary<string, string> CountryNames { get; private set; } = new Dictionary<string, string>();

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? Amount { get; set; }

    [BindProperty]
    public string? Currency { get; set; }

    [BindProperty]
    public string? EffectiveFrom { get; set; }

    [BindProperty]
    public string? Source { get; set; }

    [TempData]
    public string? Saved { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostMinimumAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var row = await db.Set<MinimumWage>().SingleOrDefaultAsync(m => m.CountryCode == Code, cancellationToken);
        if (row is null)
        {
            return NotFound();
        }

        decimal? amount = null;
        if (!string.IsNullOrWhiteSpace(Amount))
        {
            if (Formats.TryParseAmount(Amount, out var parsed) && parsed > 0 && parsed <= 1_000_000_000m)
            {
                amount = parsed;
            }
            else
            {
                ModelState.AddModelError(nameof(Amount), "Rates.AmountInvalid");
            }
        }

        var currencies = await catalogue.CurrencyCodesAsync(cancellationToken);
        if (Currency is null || !currencies.Contains(Currency.Trim().ToUpperInvariant()))
        {
            ModelState.AddModelError(nameof(Currency), "Vacancy.Error.Currency");
        }

        var from = ParseDate();
        ValidateSource();
        if (!ModelState.IsValid)
        {
            return Page();
        }

        row.MonthlyAmount = amount;
        row.Currency = Currency!.Trim().ToUpperInvariant();
        row.EffectiveFrom = from!.Value;
        row.Source = Source!.Trim();
        await db.SaveChangesAsync(cancellationToken);
        Saved = row.CountryCode;
        return Redirect("/admin/rates");
    }

    public async Task<IActionResult> OnPostRateAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var row = await db.Set<ExchangeRate>().SingleOrDefaultAsync(r => r.Currency == Code, cancellationToken);
        if (row is null)
        {
            return NotFound();
        }

        if (!Formats.TryParseAmount(Amount, out var units) || units <= 0 || units > 1_000_000m)
        {
            ModelState.AddModelError(nameof(Amount), "Rates.AmountInvalid");
        }

        var asOf = ParseDate();
        ValidateSource();
        if (!ModelState.IsValid)
        {
            return Page();
        }

        row.UnitsPerUsd = units;
        row.AsOf = asOf!.Value;
        row.Source = Source!.Trim();
        await HistoricalRates.RecordAsync(db, row, cancellationToken);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
            await Caravan.Core.Vacancies.VacancyWages.RecomputeAsync(db, row, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        Saved = row.Currency;
        return Redirect("/admin/rates");
    }

    private DateOnly? ParseDate()
    {
        if (DateOnly.TryParseExact(EffectiveFrom?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return d;
        }

        ModelState.AddModelError(nameof(EffectiveFrom), "Rates.DateInvalid");
        return null;
    }

    private void ValidateSource()
    {
        if (string.IsNullOrWhiteSpace(Source) || Source.Trim().Length > 500)
        {
            ModelState.AddModelError(nameof(Source), "Rates.SourceRequired");
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Minimums = await db.Set<MinimumWage>().AsNoTracking().OrderBy(m => m.CountryCode).ToListAsync(cancellationToken);
        Rates = await db.Set<ExchangeRate>().AsNoTracking().OrderBy(r => r.Currency).ToListAsync(cancellationToken);
        CountryNames = await catalogue.CountryNamesAsync(CultureInfo.CurrentUICulture.Name, cancellationToken);
    }
}
