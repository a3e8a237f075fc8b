using Caravan.Core.Statistics;

namespace Caravan.Core.Region;

/// <summary>
/// A table every country node publishes to the regional hub: one indicator cut by one dimension, at the indicator's
/// own periodicity. Only the node's disclosure-protected answer is published, never exact values, so the hub shows
/// each cell as the publishing node's disclosure control left it.
/// </summary>
public sealed record RegionalTable(string Id, string Indicator, Dimension Dimension)
{
    public IndicatorDefinition Definition => Indicators.Find(Indicator) ?? throw new InvalidOperationException($"No indicator {Indicator}.");

    /// <summary>Counts and sums add up across countries; means of different populations do not.</summary>
    public bool Adds => Definition.Measure is not IndicatorMeasure.Mean;
}

public static class RegionalTables
{
    /// <summary>How far back each publication reaches: two years of the indicator's periods, ending this month.</summary>
    public const int WindowMonths = 24;

    public static readonly IReadOnlyList<RegionalTable> All =
    [
        new("corridors", "departures", Dimension.Destination),
        new("abroad", "citizens_abroad", Dimension.Destination),
        new("returns", "returns", Dimension.Destination),
        new("employment", "employment_registered_abroad", Dimension.Destination),
        new("costs", "recruitment_cost", Dimension.Destination),
        new("cases", "cases_by_category", Dimension.Category),
    ];

    public static RegionalTable? Find(string? id) => All.FirstOrDefault(t => string.Equals(t.Id, id, StringComparison.Ordinal));

    /// <summary>Whether a period is one of the table's indicator's own, so no two published periods overlap.</summary>
    public static bool IsPeriodOf(RegionalTable table, string? period)
    {
        ArgumentNullException.ThrowIfNull(table);
        return Periods.Parse(period) is { } months && Periods.Of(months.First, table.Definition.Periodicity) == period;
    }

    /// <summary>The wire name of a cell's status; hidden cells carry no value.</summary>
    public static string StatusName(Statistics.Disclosure.CellStatus status) => status switch
    {
        Statistics.Disclosure.CellStatus.Published => "published",
        Statistics.Disclosure.CellStatus.Suppressed => "suppressed",
        Statistics.Disclosure.CellStatus.SecondarySuppressed => "secondary",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
