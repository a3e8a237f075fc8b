using System.Text.Json;
using Caravan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Region;

/// <summary>How a cell reads on the hub: published with its value, hidden by the publishing node, or not published at all.</summary>
public enum RegionalCellState
{
    Published,
    Protected,
    NotPublished,
}

public sealed record RegionalCell(RegionalCellState State, decimal? Value)
{
    public static readonly RegionalCell Missing = new(RegionalCellState.NotPublished, null);

    public static readonly RegionalCell Hidden = new(RegionalCellState.Protected, null);
}

/// <summary>One code of a table (a destination, a category) across the publishing countries, and the region's total when it can be given.</summary>
public sealed record RegionalRow(string Code, IReadOnlyDictionary<string, RegionalCell> Countries, RegionalCell Region);

/// <summary>One period's totals per country, for the flows over time.</summary>
public sealed record RegionalPoint(string Period, IReadOnlyDictionary<string, RegionalCell> Countries, RegionalCell Region);

public sealed record RegionalView(
    RegionalTable Table,
    string? Period,
    IReadOnlyList<string> Periods,
    IReadOnlyList<string> Countries,
    IReadOnlyList<RegionalRow> Rows,
    IReadOnlyList<RegionalPoint> Series,
    IReadOnlyDictionary<string, DateTime> LastPublished);

/// <summary>
/// The hub's regional view of one table: each country's cells as it published them, side by side. A region total is
/// given only where every country published the cell and the measure adds up; where any country hid its cell, the
/// total is protected too, so subtracting the others' published cells cannot reveal the hidden one.
/// </summary>
public sealed class RegionalDashboard(CaravanDbContext db)
{
    private sealed record WireCell(string Code, decimal? Value, string Status);

    public async Task<RegionalView> ViewAsync(RegionalTable table, string? period, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        var stored = await db.Set<RegionalAggregate>().AsNoTracking().Where(a => a.Table == table.Id)
            .Select(a => new { a.Country, a.Period, a.Cells, a.PublishedAt }).ToListAsync(cancellationToken);
        var countries = stored.Select(a => a.Country).Distinct().Order(StringComparer.Ordinal).ToList();
        var periods = stored.Select(a => a.Period).Distinct().OrderDescending(StringComparer.Ordinal).ToList();
        var chosen = period is not null && periods.Contains(period) ? period : periods.FirstOrDefault();
        var cells = stored.ToDictionary(a => (a.Country, a.Period), a => Read(a.Cells));
        var last = stored.GroupBy(a => a.Country).ToDictionary(g => g.Key, g => g.Max(a => a.PublishedAt), StringComparer.Ordinal);

        var rows = new List<RegionalRow>();
        if (chosen is not null)
        {
            var codes = countries.SelectMany(c => cells.TryGetValue((c, chosen), out var found) ? found.Keys : Enumerable.Empty<string>())
                .Where(c => c != Statistics.Codelists.Total).Distinct().Order(StringComparer.Ordinal).Append(Statistics.Codelists.Total);
            rows.AddRange(codes.Select(code =>
            {
                var byCountry = countries.ToDictionary(c => c, c => CellOf(cells, c, chosen, code), StringComparer.Ordinal);
                return new RegionalRow(code, byCountry, Total(table, byCountry.Values));
            }));
        }

        var series = periods.Order(StringComparer.Ordinal).Select(p =>
        {
            var byCountry = countries.ToDictionary(c => c, c => CellOf(cells, c, p, Statistics.Codelists.Total), StringComparer.Ordinal);
            return new RegionalPoint(p, byCountry, Total(table, byCountry.Values));
        }).ToList();
        return new RegionalView(table, chosen, periods, countries, rows, series, last);
    }

    /// <summary>A country that published the period but has no cell for a code had nothing to count there.</summary>
    private static RegionalCell CellOf(Dictionary<(string, string), Dictionary<string, WireCell>> cells, string country, string period, string code) =>
        !cells.TryGetValue((country, period), out var table) ? RegionalCell.Missing
        : !table.TryGetValue(code, out var cell) ? new RegionalCell(RegionalCellState.Published, 0)
        : cell.Status == "published" && cell.Value is { } value ? new RegionalCell(RegionalCellState.Published, value)
        : RegionalCell.Hidden;

    private static RegionalCell Total(RegionalTable table, IEnumerable<RegionalCell> cells)
    {
        var all = cells.ToList();
        if (!table.Adds || all.Count == 0 || all.Any(c => c.State == RegionalCellState.NotPublished))
        {
            return RegionalCell.Missing;
        }

        return all.Any(c => c.State == RegionalCellState.Protected) ? RegionalCell.Hidden : new RegionalCell(RegionalCellState.Published, all.Sum(c => c.Value!.Value));
    }

    private static Dictionary<string, WireCell> Read(string json)
    {
        var result = new Dictionary<string, WireCell>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(json);
        foreach (var item in document.RootElement.EnumerateArray())
        {
            var code = item.GetProperty("code").GetString()!;
            decimal? value = item.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDecimal() : null;
            result[code] = new WireCell(code, value, item.GetProperty("status").GetString()!);
        }

        return result;
    }
}
