using System.Globalization;
using Caravan.Core.Agencies;
using Caravan.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Caravan.Web.Pages.Agencies.Apply;

public sealed class GuaranteeModel(LicensingCommands licensing) : ApplicationStepModel(licensing)
{
    public const decimal MaxAmount = 1_000_000_000_000m;

    [BindProperty]
    public string? Amount { get; set; }

    [BindProperty]
    public string? Currency { get; set; }

    protected override string StepName => LicenceSteps.Guarantee;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } other)
        {
            return other;
        }

        Amount = Application.GuaranteeAmount?.ToString("0.##", CultureInfo.InvariantCulture);
        Currency = Application.GuaranteeCurrency;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } other)
        {
            return other;
        }

        var parsed = 0m;
        if (string.IsNullOrWhiteSpace(Amount))
        {
            ModelState.AddModelError(nameof(Amount), "Apply.GuaranteeRequired");
        }
        else if (!Formats.TryParseAmount(Amount, out parsed) || parsed <= 0 || parsed > MaxAmount)
        {
            ModelState.AddModelError(nameof(Amount), "Apply.GuaranteeInvalid");
        }

        if (Currency is null || !LicensingRules.GuaranteeCurrencies.Contains(Currency))
        {
            ModelState.AddModelError(nameof(Currency), "Apply.CurrencyRequired");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        Application.GuaranteeAmount = decimal.Round(parsed, 2);
        Application.GuaranteeCurrency = Currency;
        return await SaveAndContinueAsync(cancellationToken);
    }
}
