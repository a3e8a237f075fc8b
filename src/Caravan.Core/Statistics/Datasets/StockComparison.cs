using Caravan.Core.Node;
using Caravan.Core.Statistics.Disclosure;
using Microsoft.Extensions.Options;

namespace Caravan.Core.Statistics.Datasets;

/// <summary>One line of a comparison: the registry's figure (null when it is hidden), the external one, and their ratio.</summary>
public sealed record ComparisonRow(string Code, decimal? Registry, CellStatus RegistryStatus, decimal? External, decimal? Coverage);

public sealed record StockComparisonResult(
    StatDataset Dataset,
    StatDatasetVersion Version,
    IReadOnlyList<DateOnly> Dates,
    DateOnly Date,
    Dimension By,
    string? Destination,
    IReadOnlyList<ComparisonRow> Rows,
    ComparisonRow Total);

/// <summary>
/// Puts the registry's citizens abroad beside an external stock for the same corridor and date: stock with stock,
/// at the census or survey date (the registry's stock at the end of that month). The registry's side comes from
/// <see cref="StatisticsService"/>, so the public sees it disclosure-controlled and a hidden cell has no ratio.
/// Coverage is registry ÷ external: how much of the population the source counts the registry knows of.
/// </summary>
public sealed class StockComparison(DatasetQueries datasets, StatisticsService statistics, IOptions<NodeOptions> node)
{
    public const string Indicator = "citizens_abroad";

    public async Task<StockComparisonResult?> CompareAsync(string datasetCode, DateOnly? date, bool exact, CancellationToken cancellationToken = default)
    {
        var dataset = await datasets.FindAsync(datasetCode, cancellationToken);
        var version = dataset?.Versions.Where(v => v.SupersededAt == null).MaxBy(v => v.Number);
        if (dataset is null || version is null || dataset.Indicator != Indicator)
        {
            return null;
        }

        // The figures for this node's citizens, all sexes and ages: totals where the source gives them, sums where not.
        var country = node.Value.Country;
        var own = (await datasets.AllObservationsAsync(version.Id, cancellationToken)).Where(o => o.Origin == country).ToList();
        var dates = own.Select(o => o.Date).Distinct().Order().ToList();
        if (dates.Count == 0)
        {
            return null;
        }

        var chosen = date is { } d && dates.Contains(d) ? d : dates[^1];
        var atDate = own.Where(o => o.Date == chosen).ToList();
        var by = atDate.Any(o => o.Region != Codelists.Total) ? Dimension.Region : Dimension.Destination;
        var destinations = atDate.Select(o => o.Destination).Distinct().ToList();
        var destination = by == Dimension.Region && destinations is [var single] && single != Codelists.Total ? single : null;
        var external = atDate
            .GroupBy(o => by == Dimension.Region ? o.Region : o.Destination)
            .Where(g => g.Key != Codelists.Total)
            .ToDictionary(g => g.Key, g => Collapse(g.ToList()), StringComparer.Ordinal);

        var indicator = Indicators.Find(Indicator)!;
        var filters = new Dictionary<Dimension, IReadOnlyList<string>>();
        if (destination is not null)
        {
            filters[Dimension.Destination] = [destination];
        }

        var month = Periods.MonthOf(chosen);
        var request = new StatisticsRequest(indicator, [by], filters, month, month, exact);
        var answer = await statistics.AnswerAsync(request, cancellationToken);
        var index = answer.Dimensions.ToList().IndexOf(by);
        var destinationIndex = answer.Dimensions.ToList().IndexOf(Dimension.Destination);
        var registry = answer.Observations
            .Where(o => destination is null || by == Dimension.Destination || destinationIndex < 0 || o.Codes[destinationIndex] == destination)
            .GroupBy(o => o.Codes[index], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        ComparisonRow Row(string code, decimal? externalValue)
        {
            var cell = registry.GetValueOrDefault(code);
            // No cell is a zero, unless the table could not be protected at all and only its margins were given.
            var withheld = cell is null && answer.WithheldPeriods.Count > 0 && code != Codelists.Total;
            var value = withheld ? null : cell?.Value ?? (cell is null ? 0 : null);
            var status = withheld ? CellStatus.SecondarySuppressed : cell?.Status ?? CellStatus.Published;
            decimal? coverage = value is { } r && externalValue is > 0 ? Math.Round(r / externalValue.Value, 4) : null;
            return new ComparisonRow(code, value, status, externalValue, coverage);
        }

        var rows = external.OrderByDescending(e => e.Value).Select(e => Row(e.Key, e.Value)).ToList();
        if (!registry.ContainsKey(Codelists.Total) && answer.WithheldPeriods.Count == 0 && rows.All(r => r.Registry is not null))
        {
            registry[Codelists.Total] = new Observation(answer.Observations.Count > 0 ? answer.Observations[0].Period : string.Empty, [], registry.Values.Sum(o => o.Value ?? 0), CellStatus.Published);
        }

        var total = Row(Codelists.Total, atDate.Any(o => (by == Dimension.Region ? o.Region : o.Destination) == Codelists.Total)
            ? Collapse([.. atDate.Where(o => (by == Dimension.Region ? o.Region : o.Destination) == Codelists.Total)])
            : external.Values.Sum());
        return new StockComparisonResult(dataset, version, dates, chosen, by, destination, rows, total);
    }

    /// <summary>One figure for a place: the all-sexes, all-ages total when given, otherwise the sum of the parts given.</summary>
    private static decimal Collapse(IReadOnlyList<StatObservation> observations)
    {
        var totals = observations.Where(o => o.Sex == Codelists.Total && o.AgeBand == Codelists.Total).ToList();
        if (totals.Count > 0)
        {
            return totals.Sum(o => o.Value);
        }

        var bySex = observations.Where(o => o.AgeBand == Codelists.Total).ToList();
        return bySex.Count > 0 ? bySex.Sum(o => o.Value) : observations.Where(o => o.Sex == Codelists.Total).Sum(o => o.Value);
    }
}
