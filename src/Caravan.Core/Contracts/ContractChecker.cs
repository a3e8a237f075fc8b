using System.ComponentModel.DataAnnotations;
using Caravan.Core.Agencies;
using Caravan.Core.Data;
using Caravan.Core.Reference;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Caravan.Core.Contracts;

public enum FlagSeverity
{
    Warning,
    Critical,
}

public enum PassportHolder
{
    Worker,
    Employer,
    Agency,
}

public enum FeePolicyKind
{
    /// <summary>ILO Convention 181, art. 7: workers pay no fees or costs. The default.</summary>
    ZeroFee,

    /// <summary>Fees allowed up to a number of days of the monthly wage (30-day month).</summary>
    DaysOfWages,

    /// <summary>Fees allowed up to a fixed amount in the node's currency.</summary>
    FixedAmount,
}

/// <summary>The node's policy on fees charged to workers. Some national laws allow a capped fee.</summary>
public sealed class FeePolicyOptions
{
    public const string Section = "FeePolicy";

    public FeePolicyKind Kind { get; set; } = FeePolicyKind.ZeroFee;

    [Range(0, 365)]
    public decimal CapDays { get; set; }

    [Range(0, 1_000_000_000)]
    public decimal CapAmount { get; set; }

    [RegularExpression("^[A-Z]{3}$")]
    public string CapCurrency { get; set; } = "UZS";
}

/// <summary>The terms of a job offer, as a worker or an agency would give them.</summary>
public sealed record JobTerms(
    string DestinationCountry,
    decimal? MonthlyWage,
    string? WageCurrency,
    int? HoursPerWeek,
    decimal? FeesToWorker,
    string? FeeCurrency,
    PassportHolder? PassportHeldBy,
    string? AgencyLicence)
{
    /// <summary>The foreign employer's registration id, when known; an employer on the blacklist raises a flag.</summary>
    public string? EmployerRegistrationId { get; init; }
}

/// <summary>One red flag. Code names the resource "Flag.{Code}"; Arguments fill its placeholders in order.</summary>
public sealed record ContractFlag(string Code, FlagSeverity Severity, IReadOnlyList<string> Arguments);

/// <summary>
/// Red flags in a job offer: fees against the node's policy, hours over the destination's legal limit,
/// passport retention, and an agency that is not licensed for the destination. Used for vacancies and by migrants.
/// </summary>
public sealed partial class ContractChecker(AgencyQueries agencies, IOptions<FeePolicyOptions> feePolicy, RateTable rates, CaravanDbContext db)
{
    /// <summary>
    /// Ordinary weekly hours the law allows, overtime included where the law caps it:
    /// RU Labour Code art. 91 (40); KZ Labour Code art. 68 (40); KR Labor Standards Act art. 50 and 53 (40 + 12);
    /// TR Labour Law 4857 art. 63 (45); AE Federal Decree-Law 33/2021 art. 17 (48).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, int> LegalWeeklyHours = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["RU"] = 40,
        ["KZ"] = 40,
        ["KR"] = 52,
        ["TR"] = 45,
        ["AE"] = 48,
    };

    public async Task<IReadOnlyList<ContractFlag>> CheckAsync(JobTerms terms, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var flags = new List<ContractFlag>();
        CheckFees(terms, flags);

        if (terms.HoursPerWeek is { } hours && LegalWeeklyHours.TryGetValue(terms.DestinationCountry, out var limit) && hours > limit)
        {
            flags.Add(new ContractFlag("HoursOverLimit", FlagSeverity.Warning, [Num(hours), Num(limit), terms.DestinationCountry]));
        }

        if (terms.PassportHeldBy is PassportHolder.Employer or PassportHolder.Agency)
        {
            flags.Add(new ContractFlag("PassportRetention", FlagSeverity.Critical, []));
        }

        if (terms.MonthlyWage is null or <= 0)
        {
            flags.Add(new ContractFlag("NoWage", FlagSeverity.Warning, []));
        }

        if (!string.IsNullOrWhiteSpace(terms.AgencyLicence))
        {
            await CheckAgencyAsync(terms, flags, cancellationToken);
        }

        if (terms.MonthlyWage is { } wage && wage > 0 && terms.WageCurrency is { } currency
            && await BelowMinimumAsync(terms.DestinationCountry, wage, currency, cancellationToken) is { } minimumFlag)
        {
            flags.Add(minimumFlag);
        }

        if (!string.IsNullOrWhiteSpace(terms.EmployerRegistrationId))
        {
            // Registration ids are stored upper-cased (EmployerCommands), so an exact match is case-blind.
            var id = terms.EmployerRegistrationId.Trim().ToUpperInvariant();
            var blacklisted = await db.Set<ForeignEmployer>().AsNoTracking()
                .Where(e => e.RegistrationId == id && e.Status == EmployerStatus.Blacklisted)
                .Select(e => e.Name).FirstOrDefaultAsync(cancellationToken);
            if (blacklisted is not null)
            {
                flags.Add(new ContractFlag("EmployerBlacklisted", FlagSeverity.Critical, [blacklisted]));
            }
        }

        return flags;
    }

    /// <summary>
    /// A flag when the wage, converted with the node's rate table, is below the destination's statutory monthly
    /// minimum; null when it is not, or when the destination has no minimum or the rate is unknown.
    /// </summary>
    public async Task<ContractFlag?> BelowMinimumAsync(string destination, decimal wage, string currency, CancellationToken cancellationToken = default)
    {
        var minimum = await rates.MinimumWageAsync(destination, cancellationToken);
        if (minimum?.MonthlyAmount is not { } amount)
        {
            return null;
        }

        var converted = await rates.ConvertAsync(wage, currency, minimum.Currency, cancellationToken);
        return converted is { } c && c < amount
            ? new ContractFlag("WageBelowMinimum", FlagSeverity.Critical, [Money(wage, currency), Money(amount, minimum.Currency), destination])
            : null;
    }

    /// <summary>Fee flags for a total charged to the worker, against the node's policy.</summary>
    public IReadOnlyList<ContractFlag> FeeFlags(decimal fees, string feeCurrency, decimal? wage, string? wageCurrency)
    {
        var flags = new List<ContractFlag>();
        CheckFees(new JobTerms(string.Empty, wage, wageCurrency, null, fees, feeCurrency, null, null), flags);
        return flags;
    }

    /// <summary>
    /// Words that announce a payment by the worker, in the seven UI languages. A sentence is flagged only when it
    /// also holds a figure, so "no fees are charged" passes while "a deposit of 300 USD" does not.
    /// </summary>
    private static readonly string[] FeeWords =
    [
        "fee", "deposit", "deduct", "commission", "pay for", "payment for",
        "комисси", "взнос", "залог", "депозит", "удерж", "оплатить", "оплачивает работник",
        "toʻlov", "to'lov", "garov", "depozit", "komissiya", "ushlab qol",
        "тўлов", "гаров", "комиссия", "ушлаб қол",
        "төлем", "кепіл", "ұстап қал",
        "төлөм", "күрөө", "кармап кал",
        "пардохт", "гарав", "нигоҳ дошт",
    ];

    public static IReadOnlyList<string> FeeMentions(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var found = new List<string>();
        foreach (var sentence in SentenceBreak().Split(text))
        {
            if (!sentence.Any(char.IsAsciiDigit))
            {
                continue;
            }

            var lower = sentence.ToLowerInvariant();
            var word = FeeWords.FirstOrDefault(w => lower.Contains(w, StringComparison.Ordinal));
            if (word is not null)
            {
                found.Add(sentence.Trim());
            }
        }

        return found;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<=[.!?;])\s+|\n+")]
    private static partial System.Text.RegularExpressions.Regex SentenceBreak();

    private void CheckFees(JobTerms terms, List<ContractFlag> flags)
    {
        if (terms.FeesToWorker is not { } fees || fees <= 0)
        {
            return;
        }

        var policy = feePolicy.Value;
        var shown = Money(fees, terms.FeeCurrency);
        switch (policy.Kind)
        {
            case FeePolicyKind.ZeroFee:
                flags.Add(new ContractFlag("FeesCharged", FlagSeverity.Critical, [shown]));
                break;
            case FeePolicyKind.DaysOfWages:
                if (terms.MonthlyWage is { } wage && (terms.FeeCurrency ?? terms.WageCurrency) == terms.WageCurrency)
                {
                    var cap = decimal.Round(wage / 30m * policy.CapDays, 2);
                    if (fees > cap)
                    {
                        flags.Add(new ContractFlag("FeesOverCap", FlagSeverity.Critical, [shown, Money(cap, terms.WageCurrency)]));
                    }
                }
                else
                {
                    flags.Add(new ContractFlag("FeesUnverifiable", FlagSeverity.Warning, [shown]));
                }

                break;
            case FeePolicyKind.FixedAmount:
                if (terms.FeeCurrency == policy.CapCurrency)
                {
                    if (fees > policy.CapAmount)
                    {
                        flags.Add(new ContractFlag("FeesOverCap", FlagSeverity.Critical, [shown, Money(policy.CapAmount, policy.CapCurrency)]));
                    }
                }
                else
                {
                    flags.Add(new ContractFlag("FeesUnverifiable", FlagSeverity.Warning, [shown]));
                }

                break;
            default:
                throw new InvalidOperationException("Unknown fee policy.");
        }
    }

    private async Task CheckAgencyAsync(JobTerms terms, List<ContractFlag> flags, CancellationToken cancellationToken)
    {
        var licence = terms.AgencyLicence!.Trim();
        var agency = await agencies.ByLicenceAsync(licence, cancellationToken);
        if (agency is null)
        {
            flags.Add(new ContractFlag("AgencyUnknown", FlagSeverity.Critical, [licence.ToUpperInvariant()]));
            return;
        }

        var status = agency.EffectiveStatus(agencies.Today);
        if (status != LicenceStatus.Valid)
        {
            flags.Add(new ContractFlag("AgencyNotValid", FlagSeverity.Critical, [agency.Name, status.ToString()]));
        }
        else if (!agency.Destinations.Any(d => d.CountryCode == terms.DestinationCountry))
        {
            flags.Add(new ContractFlag("AgencyNotForDestination", FlagSeverity.Critical, [agency.Name, terms.DestinationCountry]));
        }
    }

    private static string Num(decimal value) => value.ToString("N0", System.Globalization.CultureInfo.CurrentCulture);

    private static string Money(decimal amount, string? currency) =>
        string.Format(System.Globalization.CultureInfo.CurrentCulture, "{0:N0} {1}", amount, currency ?? string.Empty).Trim();
}
