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

    /// <summary>
    /// The protected cells of one period's table over the asked dimensions (their indexes in the indicator's
    /// dimensions), given the finest rows of that table and the one-way margins of every dimension of the indicator.
    /// The grand total is decided for the whole family of one-way tables, so that no question publishes a total that
    /// another one needed hidden. A two-way table that cannot be protected is withheld: none of its inner cells is
    /// listed, not even as hidden, since listing one says it is not empty.
    /// </summary>
    public static (List<TableCell> Cells, bool Withheld) Protect(
        DisclosureControl control, MeasureKind kind, IReadOnlyList<int> asked, int allowed,
        IReadOnlyList<AggregateRow> rows, IReadOnlyList<(int Dimension, AggregateRow Row)> margins)
    {
        var family = new List<IReadOnlyList<CellData>>();
        var familyCodes = new List<List<string>>();
        for (var d = 0; d < allowed; d++)
        {
            var dim = d;
            var cells = Merge(margins.Where(m => m.Dimension == dim).Select(m => m.Row).ToList(), 1);
            var codes = cells.Keys.Select(k => k[0]).Order(StringComparer.Ordinal).ToList();
            familyCodes.Add(codes);
            family.Add(codes.Select(c => cells[[c]]).ToList());
        }

        var finest = Merge(rows, asked.Count);
        var total = (allowed > 0 ? family[0] : finest.Values.ToList()).Aggregate(CellData.Empty, (a, c) => a.Add(c));
        var result = new List<TableCell>();
        if (allowed == 0)
        {
            result.Add(new TableCell([], total, control.IsSensitive(kind, total) ? CellStatus.Suppressed : CellStatus.Published));
            return (result, false);
        }

        var protections = control.ProtectOneWayFamily(kind, family, total);
        result.Add(new TableCell(new string[asked.Count], total, protections[0].Total));
        for (var d = 0; d < asked.Count; d++)
        {
            var codes = familyCodes[asked[d]];
            for (var i = 0; i < codes.Count; i++)
            {
                var keys = new string[asked.Count];
                keys[d] = codes[i];
                result.Add(new TableCell(keys, family[asked[d]][i], protections[asked[d]].Cells[i]));
            }
        }

        if (asked.Count < 2)
        {
            return (result, false);
        }

        var rowCodes = familyCodes[asked[0]];
        var columnCodes = familyCodes[asked[1]];
        var rowIndex = rowCodes.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
        var columnIndex = columnCodes.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
        var interior = new CellData[rowCodes.Count, columnCodes.Count];
        foreach (var (keys, data) in finest)
        {
            interior[rowIndex[keys[0]], columnIndex[keys[1]]] = data;
        }

        try
        {
            var pattern = control.ProtectTwoWay(kind, interior, family[asked[0]], family[asked[1]], total, protections[asked[0]], protections[asked[1]]).Interior;
            foreach (var (keys, data) in finest)
            {
                result.Add(new TableCell(keys, data, pattern[rowIndex[keys[0]], columnIndex[keys[1]]]));
            }

            return (result, false);
        }
        catch (TableNotProtectableException)
        {
            return (result, true);
        }
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
