using Caravan.Core.Agencies;
using Caravan.Core.Contracts;

namespace Caravan.Core.Vacancies;

public enum CheckOutcome
{
    Passed,
    Failed,

    /// <summary>The check could not be made, for example a destination with no statutory minimum wage.</summary>
    NotChecked,
}

/// <summary>The result of one automatic check; a failed check carries the flag that explains it.</summary>
public sealed record VacancyCheck(string Code, CheckOutcome Outcome, ContractFlag? Flag)
{
    public bool Blocks => Outcome == CheckOutcome.Failed && Flag?.Severity == FlagSeverity.Critical;
}

/// <summary>
/// The automatic checks run when a vacancy is submitted and again when an officer approves it: licence valid for
/// the destination, employer not blacklisted, wage at or above the minimum, fees within policy, hours within the
/// legal limit, and no payment hidden in the text. Any critical failure stops publication.
/// </summary>
public sealed class VacancyChecks(ContractChecker checker, Reference.RateTable rates)
{
    public static readonly IReadOnlyList<string> Codes = ["Licence", "Employer", "MinimumWage", "Fees", "Hours", "HiddenFees"];

    public async Task<IReadOnlyList<VacancyCheck>> RunAsync(VacancyInput input, Agency agency, ForeignEmployer? employer, DateOnly today, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(agency);
        var destination = input.DestinationCountry ?? string.Empty;
        var results = new List<VacancyCheck>();

        var status = agency.EffectiveStatus(today);
        results.Add(status != LicenceStatus.Valid
            ? Fail("Licence", "AgencyNotValid", [agency.Name, status.ToString()])
            : agency.Destinations.Any(d => d.CountryCode == destination)
                ? Pass("Licence")
                : Fail("Licence", "AgencyNotForDestination", [agency.Name, destination]));

        results.Add(employer is null
            ? Fail("Employer", "EmployerUnknown", [input.EmployerRegistrationId ?? string.Empty])
            : employer.Status == EmployerStatus.Blacklisted
                ? Fail("Employer", "EmployerBlacklisted", [employer.Name])
                : Pass("Employer"));

        if (input.MonthlyWage is { } wage && input.WageCurrency is { } currency)
        {
            var minimum = await rates.MinimumWageAsync(destination, cancellationToken);
            var below = await checker.BelowMinimumAsync(destination, wage, currency, cancellationToken);
            results.Add(below is not null ? new VacancyCheck("MinimumWage", CheckOutcome.Failed, below)
                : minimum?.MonthlyAmount is null ? new VacancyCheck("MinimumWage", CheckOutcome.NotChecked, null)
                : Pass("MinimumWage"));
            results.Add(await FeesAsync(input, wage, currency, cancellationToken));
        }

        results.Add(input.HoursPerWeek is { } hours && ContractChecker.LegalWeeklyHours.TryGetValue(destination, out var limit)
            ? hours > limit
                ? new VacancyCheck("Hours", CheckOutcome.Failed, new ContractFlag("HoursOverLimit", FlagSeverity.Warning, [hours.ToString(System.Globalization.CultureInfo.CurrentCulture), limit.ToString(System.Globalization.CultureInfo.CurrentCulture), destination]))
                : Pass("Hours")
            : new VacancyCheck("Hours", CheckOutcome.NotChecked, null));

        var mentions = ContractChecker.FeeMentions(input.AllText());
        results.Add(mentions is [var first, ..] ? Fail("HiddenFees", "FeeInText", [first]) : Pass("HiddenFees"));
        return results;
    }

    private async Task<VacancyCheck> FeesAsync(VacancyInput input, decimal wage, string currency, CancellationToken cancellationToken)
    {
        var costs = input.Costs.Where(c => c.Amount is > 0 && c.Currency is not null).ToList();
        if (costs.Count == 0)
        {
            return Pass("Fees");
        }

        // Costs in several currencies are added up in the wage's currency; one unknown rate makes the total unverifiable.
        var currencies = costs.Select(c => c.Currency!).Distinct().ToList();
        decimal total = 0;
        var totalCurrency = currencies.Count == 1 ? currencies[0] : currency;
        foreach (var cost in costs)
        {
            var converted = await rates.ConvertAsync(cost.Amount!.Value, cost.Currency!, totalCurrency, cancellationToken);
            if (converted is null)
            {
                return new VacancyCheck("Fees", CheckOutcome.Failed, new ContractFlag("FeesUnverifiable", FlagSeverity.Warning, [$"{VacancyInput.Show(cost.Amount.Value)} {cost.Currency}"]));
            }

            total += converted.Value;
        }

        var flags = checker.FeeFlags(total, totalCurrency, wage, currency);
        return flags.Count == 0 ? Pass("Fees") : new VacancyCheck("Fees", CheckOutcome.Failed, flags[0]);
    }

    private static VacancyCheck Pass(string code) => new(code, CheckOutcome.Passed, null);

    private static VacancyCheck Fail(string code, string flag, IReadOnlyList<string> args) => new(code, CheckOutcome.Failed, new ContractFlag(flag, FlagSeverity.Critical, args));
}

/// <summary>Where each check points the submitter: the form field, or the API field, that needs changing.</summary>
public static class VacancyFields
{
    public static string ForCheck(string check) => check switch
    {
        "Licence" => "destinationCountry",
        "Employer" => "employer",
        "MinimumWage" => "monthlyWage",
        "Fees" => "costs",
        "Hours" => "hoursPerWeek",
        "HiddenFees" => "description",
        _ => string.Empty,
    };
}
