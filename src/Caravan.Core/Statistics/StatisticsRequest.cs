namespace Caravan.Core.Statistics;

/// <summary>A checked question to an indicator: what to break down by, which codes to keep, which periods, exact or protected.</summary>
public sealed record StatisticsRequest(
    IndicatorDefinition Indicator,
    IReadOnlyList<Dimension> Breakdown,
    IReadOnlyDictionary<Dimension, IReadOnlyList<string>> Filters,
    int FirstMonth,
    int LastMonth,
    bool Exact)
{
    /// <summary>Every dimension the answer's table is cut by: the breakdown and the filtered ones.</summary>
    public IReadOnlyList<Dimension> TableDimensions => [.. Breakdown.Union(Filters.Keys).Order()];

    /// <summary>A canonical text of the question, the same for every spelling of it, for ETags and caches.</summary>
    public string Canonical => string.Join('&',
        [$"i={Indicator.Code}", $"b={string.Join(',', Breakdown)}", $"p={FirstMonth}-{LastMonth}", $"x={Exact}",
         .. Filters.OrderBy(f => f.Key).Select(f => $"{f.Key}={string.Join(',', f.Value)}")]);
}

/// <summary>What was wrong with a question, for pages that say it in the reader's language.</summary>
public enum StatisticsErrorKind
{
    Indicator,
    Dimension,
    Code,
    Exact,
    TooManyDimensions,
    Period,
}

/// <summary>Why a question cannot be answered: the HTTP status and a message for the person who wrote the query.</summary>
public sealed record StatisticsError(int Status, string Title, string Detail, StatisticsErrorKind Kind);

/// <summary>
/// Reads a question from query parameters and refuses, with a reason, anything the statistics layer does not
/// define: an unknown indicator or dimension, a code outside its codelist, a malformed period, a protected table of
/// more than two dimensions, or exact values without an analyst's key.
/// </summary>
public sealed class StatisticsRequestParser(Codelists codelists, TimeProvider time)
{
    public const string BreakdownParameter = "breakdown";
    public const string StartParameter = "startPeriod";
    public const string EndParameter = "endPeriod";
    public const string ExactParameter = "exact";
    public const string FormatParameter = "format";

    /// <summary>A protected answer is a cell of a one- or two-way table; see docs/statistics-disclosure.md.</summary>
    public const int MaxPublicDimensions = 2;

    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal) { BreakdownParameter, StartParameter, EndParameter, ExactParameter, FormatParameter };

    public async Task<(StatisticsRequest? Request, StatisticsError? Error)> ParseAsync(
        string indicatorCode, IEnumerable<KeyValuePair<string, string?>> query, bool mayHaveExact, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var indicator = Indicators.Find(indicatorCode);
        if (indicator is null)
        {
            return Fail(StatisticsErrorKind.Indicator, 404, "Unknown indicator.", $"There is no indicator '{indicatorCode}'. GET /api/v1/statistics/indicators lists them.");
        }

        var parameters = query.ToList();
        var allowed = string.Join(", ", indicator.Dimensions.Select(Codelists.Id));
        var filters = new Dictionary<Dimension, IReadOnlyList<string>>();
        foreach (var (name, value) in parameters.Where(p => !Reserved.Contains(p.Key)))
        {
            if (!Codelists.ByQueryName.TryGetValue(name, out var dimension))
            {
                return Fail(StatisticsErrorKind.Dimension, 400, "Unknown dimension.", $"'{name}' is not a dimension. The dimensions of '{indicator.Code}' are: {allowed}.");
            }

            if (!indicator.Allows(dimension))
            {
                return Fail(StatisticsErrorKind.Dimension, 400, "Dimension not allowed.", $"'{indicator.Code}' cannot be cut by '{name}'. Its dimensions are: {allowed}.");
            }

            var stored = new List<string>();
            foreach (var code in (value ?? string.Empty).Split(',', StringSplitOptions.TrimEntries))
            {
                if (await codelists.ToStoredAsync(indicator, dimension, code, cancellationToken) is not { } s)
                {
                    return Fail(StatisticsErrorKind.Code, 400, "Code not in the codelist.", $"'{code}' is not a code of '{name}'. GET /api/v1/statistics/codelists/{Codelists.Id(dimension)}?indicator={indicator.Code} lists the codes.");
                }

                stored.Add(s);
            }

            filters[dimension] = stored.Distinct(StringComparer.Ordinal).ToList();
        }

        var breakdown = new List<Dimension>();
        var breakdownText = parameters.LastOrDefault(p => p.Key == BreakdownParameter).Value;
        foreach (var name in (breakdownText ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Codelists.ByQueryName.TryGetValue(name, out var dimension) || !indicator.Allows(dimension))
            {
                return Fail(StatisticsErrorKind.Dimension, 400, "Unknown breakdown.", $"'{name}' is not a dimension of '{indicator.Code}'. Its dimensions are: {allowed}.");
            }

            if (!breakdown.Contains(dimension))
            {
                breakdown.Add(dimension);
            }
        }

        var exactText = parameters.LastOrDefault(p => p.Key == ExactParameter).Value;
        if (exactText is not (null or "true" or "false"))
        {
            return Fail(StatisticsErrorKind.Exact, 400, "Invalid value for exact.", "'exact' is true or false.");
        }

        var exact = exactText == "true";
        if (exact && !mayHaveExact)
        {
            return Fail(StatisticsErrorKind.Exact, 400, "Exact values need an analyst's key.", "Exact values are only given to an analyst's API key (header X-Api-Key). Ask without 'exact' for the published, disclosure-controlled figures.");
        }

        var dimensions = breakdown.Union(filters.Keys).Count();
        if (!exact && dimensions > MaxPublicDimensions)
        {
            return Fail(StatisticsErrorKind.TooManyDimensions, 400, "Too many dimensions for a published table.",
                $"Published figures are cells of tables of at most {MaxPublicDimensions} dimensions (breakdown and filters together), so that no combination of answers can reveal a small group. This question uses {dimensions}.");
        }

        var today = Periods.MonthOf(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        var startText = parameters.LastOrDefault(p => p.Key == StartParameter).Value;
        var endText = parameters.LastOrDefault(p => p.Key == EndParameter).Value;
        var end = endText is null ? (today, today) : Periods.Parse(endText);
        var start = startText is null ? (Periods.MonthsBefore(today, 11), 0) : Periods.Parse(startText);
        if (start is null || end is null)
        {
            return Fail(StatisticsErrorKind.Period, 400, "Invalid period.", $"Periods are written 2026, 2026-Q1 or 2026-03; '{(start is null ? startText : endText)}' is none of these.");
        }

        var first = startText is null && endText is not null ? Periods.MonthsBefore(end.Value.Item1, 11) : start.Value.Item1;
        var last = end.Value.Item2;
        if (first > last)
        {
            return Fail(StatisticsErrorKind.Period, 400, "Invalid period.", "startPeriod is after endPeriod.");
        }

        if (Periods.Range(first, last, indicator.Periodicity).Count > Periods.MaxPeriods)
        {
            return Fail(StatisticsErrorKind.Period, 400, "Too many periods.", $"Ask for at most {Periods.MaxPeriods} periods at a time.");
        }

        return (new StatisticsRequest(indicator, breakdown, filters, first, last, exact), null);
    }

    private static (StatisticsRequest?, StatisticsError?) Fail(StatisticsErrorKind kind, int status, string title, string detail) =>
        (null, new StatisticsError(status, title, detail, kind));
}
