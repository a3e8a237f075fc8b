using Caravan.Core.Data;
using Caravan.Core.Statistics.Disclosure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Caravan.Core.Statistics;

/// <summary>
/// The one way to a published figure. Every answer reads the aggregates, and every answer not marked exact goes
/// through <see cref="DisclosureControl"/> here; nothing else in Caravan turns aggregates into numbers for the public.
/// Answers are cached until the next fold changes the aggregates.
/// </summary>
public sealed class StatisticsService(CaravanDbContext db, StatisticsReader reader, Codelists codelists, StatisticsCache memory, IOptions<StatisticsOptions> options, ILogger<StatisticsService> logger)
{
    private readonly MemoryCache cache = memory.Cache;

    public DisclosureRules Rules => new(options.Value.Threshold, options.Value.DominancePercent, options.Value.SolverAudit);

    public async Task<long> VersionAsync(CancellationToken cancellationToken = default) =>
        await db.Set<StatFoldState>().AsNoTracking().Select(s => s.Version).FirstOrDefaultAsync(cancellationToken);

    public async Task<StatisticsAnswer> AnswerAsync(StatisticsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var version = await VersionAsync(cancellationToken);
        var key = $"statistics:{version}:{Rules}:{request.Canonical}";
        if (cache.TryGetValue(key, out StatisticsAnswer? cached) && cached is not null)
        {
            return cached;
        }

        var answer = await ComputeAsync(request, version, cancellationToken);
        if (options.Value.CacheAnswers)
        {
            cache.Set(key, answer, new MemoryCacheEntryOptions { Size = 1 + answer.Observations.Count, SlidingExpiration = TimeSpan.FromMinutes(30) });
        }

        return answer;
    }

    private async Task<StatisticsAnswer> ComputeAsync(StatisticsRequest request, long version, CancellationToken cancellationToken)
    {
        var indicator = request.Indicator;
        var dims = request.TableDimensions;
        var stock = indicator.Measure == IndicatorMeasure.Stock;
        var periods = Periods.Range(request.FirstMonth, request.LastMonth, indicator.Periodicity);
        await codelists.LoadAgenciesAsync(cancellationToken);
        var kind = indicator.Measure is IndicatorMeasure.Count or IndicatorMeasure.Stock ? MeasureKind.Count : MeasureKind.Magnitude;

        // A protected table's pattern depends only on the aggregates' version, the rules, the indicator, the period and
        // the table's dimensions, never on the filters: it is kept so that the next question on the table reads nothing.
        string TableKey(string period) => $"statistics:table:{version}:{Rules}:{indicator.Code}:{period}:{Groupings.Id(dims)}";
        var tables = new Dictionary<string, (List<StatisticsTables.TableCell> Cells, bool Withheld)>(StringComparer.Ordinal);
        if (!request.Exact && options.Value.CacheTables)
        {
            foreach (var (period, _, _) in periods)
            {
                if (cache.TryGetValue(TableKey(period), out (List<StatisticsTables.TableCell>, bool) found))
                {
                    tables[period] = found;
                }
            }
        }

        List<AggregateRow> rows = [];
        List<(int Month, int Dimension, AggregateRow Row)> margins = [];
        if (tables.Count < periods.Count)
        {
            // A protected table is protected whole, so its filters are applied after protection; exact answers filter in SQL.
            // A stock needs everything before its first period too: read as an opening balance, not month by month.
            rows = await reader.ReadAsync(indicator.Code, dims, request.FirstMonth, request.LastMonth,
                request.Exact ? request.Filters : new Dictionary<Dimension, IReadOnlyList<string>>(), openingBalance: stock, cancellationToken);
            margins = request.Exact ? [] : await reader.ReadMarginsAsync(indicator.Code, indicator.Dimensions, request.FirstMonth, request.LastMonth, openingBalance: stock, cancellationToken);
        }

        var asked = dims.Select(d => indicator.Dimensions.ToList().IndexOf(d)).ToList();
        var control = new DisclosureControl(Rules);
        var observations = new List<Observation>();
        var withheld = new List<string>();
        // A stock is everything up to the end of the period; a flow is what happened within it.
        var slices = new PeriodSlices([.. rows.Select(r => Counted(r, kind))], [.. margins.Select(m => (m.Month, m.Dimension, Counted(m.Row, kind)))], stock);
        foreach (var (period, first, last) in periods)
        {
            List<StatisticsTables.TableCell> cells;
            if (request.Exact)
            {
                cells = StatisticsTables.Exact(dims.Count, slices.For(first, last).Rows);
            }
            else
            {
                if (!tables.TryGetValue(period, out var table))
                {
                    try
                    {
                        var (periodRows, periodMargins) = slices.For(first, last);
                        table = StatisticsTables.Protect(control, kind, asked, indicator.Dimensions.Count, periodRows, periodMargins);
                    }
                    catch (ArgumentException e)
                    {
                        // Tables that do not add up (a stock with more returns than departures in some group) cannot be
                        // protected, so nothing of the period is published; the data needs a look, not the reader.
                        logger.LogWarning(e, "Statistics for {Indicator} in {Period} were withheld: the aggregates do not add up", indicator.Code, period);
                        table = ([], true);
                    }
                    if (options.Value.CacheTables)
                    {
                        cache.Set(TableKey(period), table, new MemoryCacheEntryOptions { Size = 1 + table.Cells.Count, SlidingExpiration = TimeSpan.FromMinutes(30) });
                    }
                }

                cells = table.Cells;
                if (table.Withheld)
                {
                    withheld.Add(period);
                }
            }

            foreach (var cell in cells)
            {
                if (Selected(request, dims, cell.Keys))
                {
                    observations.Add(new Observation(period, [.. cell.Keys.Select((k, i) => k is null ? Codelists.Total : codelists.ToCode(dims[i], k))],
                        cell.Status == CellStatus.Published ? ValueOf(indicator, cell.Data) : null, cell.Status));
                }
            }
        }

        return new StatisticsAnswer(request, dims, [.. observations.OrderBy(o => o.Period, StringComparer.Ordinal).ThenBy(o => string.Join('|', o.Codes), StringComparer.Ordinal)], version, Rules, withheld);
    }

    /// <summary>A count's contributors are the people it counts: for a stock, the net of its arrivals and departures.</summary>
    private static AggregateRow Counted(AggregateRow row, MeasureKind kind) =>
        kind == MeasureKind.Magnitude ? row : row with { Data = new CellData((long)row.Data.Value, row.Data.Value, 0, 0) };

    /// <summary>
    /// Whether a cell belongs in the answer: filtered dimensions keep their asked codes and are never totalled;
    /// breakdown dimensions give every code and their total.
    /// </summary>
    private static bool Selected(StatisticsRequest request, IReadOnlyList<Dimension> dims, string?[] keys)
    {
        for (var i = 0; i < dims.Count; i++)
        {
            if (request.Filters.TryGetValue(dims[i], out var wanted))
            {
                if (keys[i] is null || !wanted.Contains(keys[i]!, StringComparer.Ordinal))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static decimal ValueOf(IndicatorDefinition indicator, CellData data) => Normalise(indicator.Measure switch
    {
        IndicatorMeasure.Count or IndicatorMeasure.Stock => decimal.Round(data.Value, 0),
        IndicatorMeasure.Sum => decimal.Round(data.Value, 2),
        IndicatorMeasure.Mean => data.Contributors == 0 ? 0 : decimal.Round(data.Value / data.Contributors, 2),
        _ => throw new ArgumentOutOfRangeException(nameof(indicator), indicator.Measure, null),
    });

    /// <summary>Drops the trailing zeros a NUMERIC(20,6) column brings back, so 30 is written 30, not 30.000000.</summary>
    private static decimal Normalise(decimal value) => value / 1.000000000000000000000000000000000m;
}
