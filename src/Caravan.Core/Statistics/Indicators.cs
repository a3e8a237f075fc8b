namespace Caravan.Core.Statistics;

/// <summary>What a statistics cell may be cut by. The names are the API's query parameters and SDMX dimension ids.</summary>
public enum Dimension
{
    Sex,
    AgeBand,
    Region,
    Destination,
    Occupation,
    Agency,
    Category,
}

public enum IndicatorMeasure
{
    /// <summary>Events in the period.</summary>
    Count,

    /// <summary>People in a state at the end of the period: every event from the start, signed.</summary>
    Stock,

    /// <summary>A sum of money in the period.</summary>
    Sum,

    /// <summary>The mean of a per-event value in the period.</summary>
    Mean,
}

public enum Periodicity
{
    Monthly,
    Quarterly,
    Annual,
}

/// <summary>
/// One published indicator, defined once. Its texts (name, definition, numerator, denominator, method, limitations)
/// are resources "Indicator.{Code}.{Part}" in every language; its codes here are stable, since they are the API's
/// paths and the SDMX dataflow ids (docs/statistics.md).
/// </summary>
public sealed record IndicatorDefinition(
    string Code,
    IndicatorMeasure Measure,
    string Unit,
    Periodicity Periodicity,
    IReadOnlyList<Dimension> Dimensions,
    string Source,
    string? CategoryCodelist)
{
    /// <summary>The SDMX dataflow id: DF_ and the code in capitals.</summary>
    public string Dataflow => "DF_" + Code.ToUpperInvariant();

    public bool Allows(Dimension dimension) => Dimensions.Contains(dimension);
}

/// <summary>The catalogue, and the one mapping from a fact to what it adds to each indicator.</summary>
public static class Indicators
{
    public const string Persons = "persons";
    public const string Events = "events";
    public const string Usd = "USD";
    public const string Days = "days";
    public const string MonthsOfEarnings = "months-of-earnings";

    public const string SourceRegistry = "registry";
    public const string SourceVacancies = "vacancies";
    public const string SourceLicensing = "licensing";
    public const string SourceCases = "cases";

    private static readonly Dimension[] PersonDims = [Dimension.Sex, Dimension.AgeBand, Dimension.Region];
    private static readonly Dimension[] JourneyDims = [Dimension.Sex, Dimension.AgeBand, Dimension.Region, Dimension.Destination, Dimension.Occupation, Dimension.Agency];

    public static readonly IReadOnlyList<IndicatorDefinition> All =
    [
        new("registrations", IndicatorMeasure.Count, Persons, Periodicity.Monthly, PersonDims, SourceRegistry, null),
        new("departures", IndicatorMeasure.Count, Persons, Periodicity.Monthly, JourneyDims, SourceRegistry, null),
        new("returns", IndicatorMeasure.Count, Persons, Periodicity.Monthly, [.. JourneyDims, Dimension.Category], SourceRegistry, "return-reason"),
        new("citizens_abroad", IndicatorMeasure.Stock, Persons, Periodicity.Monthly, [Dimension.Sex, Dimension.Region, Dimension.Destination, Dimension.Occupation, Dimension.Agency], SourceRegistry, null),
        new("placements", IndicatorMeasure.Count, Persons, Periodicity.Monthly, JourneyDims, SourceRegistry, null),
        new("vacancies_published", IndicatorMeasure.Count, Events, Periodicity.Monthly, [Dimension.Destination, Dimension.Occupation, Dimension.Agency], SourceVacancies, null),
        new("licences", IndicatorMeasure.Count, Events, Periodicity.Quarterly, [Dimension.Category], SourceLicensing, "licence-change"),
        new("inspections", IndicatorMeasure.Count, Events, Periodicity.Quarterly, [Dimension.Category], SourceLicensing, "inspection-result"),
        new("sanctions", IndicatorMeasure.Count, Events, Periodicity.Quarterly, [Dimension.Category], SourceLicensing, "sanction"),
        new("fee_violations", IndicatorMeasure.Count, Events, Periodicity.Quarterly, [Dimension.Category, Dimension.Destination], SourceLicensing, "fee-violation-source"),
        new("cases_by_category", IndicatorMeasure.Count, Events, Periodicity.Monthly, [Dimension.Category, Dimension.Destination, Dimension.Sex, Dimension.AgeBand, Dimension.Region], SourceCases, "case-category"),
        new("cases_by_indicator", IndicatorMeasure.Count, Events, Periodicity.Quarterly, [Dimension.Category, Dimension.Destination], SourceCases, "ilo-indicator"),
        new("cases_by_outcome", IndicatorMeasure.Count, Events, Periodicity.Quarterly, [Dimension.Category, Dimension.Destination, Dimension.Sex], SourceCases, "case-outcome"),
        new("tips", IndicatorMeasure.Count, Events, Periodicity.Quarterly, [Dimension.Category, Dimension.Destination], SourceCases, "case-category"),
        new("days_to_first_contact", IndicatorMeasure.Mean, Days, Periodicity.Quarterly, [Dimension.Category, Dimension.Destination], SourceCases, "case-category"),
        new("days_to_resolution", IndicatorMeasure.Mean, Days, Periodicity.Quarterly, [Dimension.Category, Dimension.Destination], SourceCases, "case-category"),
        new("wages_recovered", IndicatorMeasure.Sum, Usd, Periodicity.Annual, [Dimension.Category, Dimension.Destination], SourceCases, "case-category"),
        new("applications", IndicatorMeasure.Count, Events, Periodicity.Monthly, JourneyDims, SourceVacancies, null),
        new("selections", IndicatorMeasure.Count, Persons, Periodicity.Monthly, JourneyDims, SourceVacancies, null),
        new("employment_registered_abroad", IndicatorMeasure.Count, Persons, Periodicity.Monthly, [Dimension.Sex, Dimension.AgeBand, Dimension.Region, Dimension.Destination, Dimension.Occupation], SourceRegistry, null),
        new("recruitment_cost", IndicatorMeasure.Mean, MonthsOfEarnings, Periodicity.Annual, [Dimension.Destination, Dimension.Agency, Dimension.Sex, Dimension.Occupation], SourceRegistry, null),
    ];

    private static readonly Dictionary<string, IndicatorDefinition> ByCode = All.ToDictionary(i => i.Code, StringComparer.Ordinal);

    public static IndicatorDefinition? Find(string? code) => code is not null && ByCode.TryGetValue(code, out var found) ? found : null;

    /// <summary>
    /// What one fact adds to each indicator: the indicator, the category (when the indicator has one) and the value
    /// (1 for counts, ±1 for the stock, the amount or the per-worker ratio for magnitudes).
    /// </summary>
    public static IEnumerable<(string Indicator, string Category, decimal Value)> ContributionsOf(FactKind kind, string? detail, string? outcome, int? daysToFirstContact, int? daysToClose, decimal? amount, decimal? earnings)
    {
        switch (kind)
        {
            case FactKind.Registration:
                yield return ("registrations", string.Empty, 1);
                break;
            case FactKind.Departure:
                yield return ("departures", string.Empty, 1);
                yield return ("citizens_abroad", string.Empty, 1);
                break;
            case FactKind.StayEnded:
                yield return ("citizens_abroad", string.Empty, -1);
                break;
            case FactKind.Return:
                yield return ("returns", detail ?? string.Empty, 1);
                break;
            case FactKind.Placement:
                yield return ("placements", string.Empty, 1);
                break;
            case FactKind.VacancyPublished:
                yield return ("vacancies_published", string.Empty, 1);
                break;
            case FactKind.Application:
                yield return ("applications", string.Empty, 1);
                break;
            case FactKind.Selection:
                yield return ("selections", string.Empty, 1);
                break;
            case FactKind.EmploymentRegistered:
                yield return ("employment_registered_abroad", string.Empty, 1);
                break;
            case FactKind.Licence:
                yield return ("licences", detail ?? string.Empty, 1);
                break;
            case FactKind.Inspection:
                yield return ("inspections", detail ?? string.Empty, 1);
                break;
            case FactKind.Sanction:
                yield return ("sanctions", detail ?? string.Empty, 1);
                break;
            case FactKind.FeeViolation:
                yield return ("fee_violations", detail ?? string.Empty, 1);
                break;
            case FactKind.CaseOpened:
                yield return ("cases_by_category", detail ?? string.Empty, 1);
                break;
            case FactKind.CaseIndicator:
                yield return ("cases_by_indicator", detail ?? string.Empty, 1);
                break;
            case FactKind.TipReceived:
                yield return ("tips", detail ?? string.Empty, 1);
                break;
            case FactKind.CaseClosed:
                yield return ("cases_by_outcome", outcome ?? string.Empty, 1);
                if (daysToFirstContact is { } first)
                {
                    yield return ("days_to_first_contact", detail ?? string.Empty, first);
                }

                if (daysToClose is { } close)
                {
                    yield return ("days_to_resolution", detail ?? string.Empty, close);
                }

                break;
            case FactKind.WagesRecovered when amount is > 0:
                yield return ("wages_recovered", detail ?? string.Empty, amount.Value);
                break;
            case FactKind.RecruitmentCost when amount is >= 0 && earnings is > 0:
                yield return ("recruitment_cost", string.Empty, decimal.Round(amount.Value / earnings.Value, 6));
                break;
            case FactKind.VacancyClosed:
            case FactKind.WagesRecovered:
            case FactKind.RecruitmentCost:
            default:
                break;
        }
    }
}
