using Caravan.Core.Statistics.Disclosure;

namespace Caravan.Core.Statistics;

/// <summary>
/// Builds the one- and two-way table of a period from aggregate rows and decides what of it is published. Every
/// protected answer is a selection of cells from such a table, whose pattern depends only on the indicator, the
/// period and the table's dimensions, never on the filters asked: so no two answers disagree about a cell.
/// </summary>
internal static class StatisticsTables
{
    /// <summary>A cell of the table: codes per table dimension (null = total) and its contributions and status.</summary>
    public sealed record TableCell(string[] Keys, CellData Data, CellStatus Status);

    public static List<TableCell> Protect(DisclosureControl control, MeasureKind kind, int dimensions, IReadOnlyList<AggregateRow> rows)
    {
        var cells = Merge(rows, dimensions);
        var total = cells.Values.Aggregate(CellData.Empty, (a, c) => a.Add(c));
        var result = new List<TableCell>();
        if (dimensions == 0)
        {
            result.Add(new TableCell([], total, control.IsSensitive(kind, total) ? CellStatus.Suppressed : CellStatus.Published));
            return result;
        }

        var codes = new List<string>[dimensions];
        var margins = new List<CellData>[dimensions];
        var oneWay = new OneWayProtection[dimensions];
        for (var d = 0; d < dimensions; d++)
        {
            var dim = d;
            codes[d] = cells.Keys.Select(k => k[dim]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var byCode = cells.GroupBy(c => c.Key[dim], StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Aggregate(CellData.Empty, (a, c) => a.Add(c.Value)), StringComparer.Ordinal);
            margins[d] = codes[d].Select(c => byCode[c]).ToList();
            oneWay[d] = control.ProtectOneWay(kind, margins[d], total);
        }

        var totalStatus = oneWay.Select(o => o.Total).FirstOrDefault(s => s != CellStatus.Published);
        result.Add(new TableCell(new string[dimensions], total, totalStatus));
        for (var d = 0; d < dimensions; d++)
        {
            for (var i = 0; i < codes[d].Count; i++)
            {
                var keys = new string[dimensions];
                keys[d] = codes[d][i];
                result.Add(new TableCell(keys, margins[d][i], oneWay[d].Cells[i]));
            }
        }

        if (dimensions == 2)
        {
            var interior = new CellData[codes[0].Count, codes[1].Count];
            var rowIndex = codes[0].Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
            var columnIndex = codes[1].Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
            foreach (var (keys, data) in cells)
            {
                interior[rowIndex[keys[0]], columnIndex[keys[1]]] = data;
            }

            CellStatus[,] pattern;
            try
            {
                pattern = control.ProtectTwoWay(kind, interior, margins[0], margins[1], total, oneWay[0], oneWay[1]).Interior;
            }
            catch (TableNotProtectableException)
            {
                // Hiding every inner cell adds nothing to what the published margins say, so it is always safe.
                pattern = new CellStatus[codes[0].Count, codes[1].Count];
                for (var i = 0; i < codes[0].Count; i++)
                {
                    for (var j = 0; j < codes[1].Count; j++)
                    {
                        pattern[i, j] = control.IsSensitive(kind, interior[i, j]) ? CellStatus.Suppressed : CellStatus.SecondarySuppressed;
                    }
                }
            }

            foreach (var (keys, data) in cells)
            {
                result.Add(new TableCell(keys, data, pattern[rowIndex[keys[0]], columnIndex[keys[1]]]));
            }
        }

        return result;
    }

    /// <summary>Every cell of the table with its exact contributions; for analysts, who see exact values.</summary>
    public static List<TableCell> Exact(int dimensions, IReadOnlyList<AggregateRow> rows)
    {
        var cells = Merge(rows, dimensions);
        var result = new List<TableCell>();
        // Every combination of "total" and a code on each dimension, built from the finest cells.
        for (var mask = 0; mask < 1 << dimensions; mask++)
        {
            var m = mask;
            foreach (var group in cells.GroupBy(c => Mask(c.Key, m), KeysComparer.Instance))
            {
                result.Add(new TableCell(group.Key, group.Aggregate(CellData.Empty, (a, c) => a.Add(c.Value)), CellStatus.Published));
            }
        }

        return result;
    }

    private static string[] Mask(string[] keys, int mask) => [.. keys.Select((k, i) => (mask & (1 << i)) != 0 ? k : null!)];

    private static Dictionary<string[], CellData> Merge(IReadOnlyList<AggregateRow> rows, int dimensions)
    {
        var cells = new Dictionary<string[], CellData>(KeysComparer.Instance);
        foreach (var row in rows)
        {
            var keys = row.Keys.Length == dimensions ? row.Keys : row.Keys[..dimensions];
            cells[keys] = cells.TryGetValue(keys, out var found) ? found.Add(row.Data) : row.Data;
        }

        // A cell whose contributions cancel out (a stock back to zero) is an empty cell.
        foreach (var key in cells.Where(c => c.Value.Contributors <= 0).Select(c => c.Key).ToList())
        {
            cells.Remove(key);
        }

        return cells;
    }

    internal sealed class KeysComparer : IEqualityComparer<string[]>
    {
        public static readonly KeysComparer Instance = new();

        public bool Equals(string[]? x, string[]? y) => x is not null && y is not null && x.AsSpan().SequenceEqual(y);

        public int GetHashCode(string[] obj)
        {
            var hash = default(HashCode);
            foreach (var s in obj)
            {
                hash.Add(s);
            }

            return hash.ToHashCode();
        }
    }
}
