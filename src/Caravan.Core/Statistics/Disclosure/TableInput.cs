namespace Caravan.Core.Statistics.Disclosure;

/// <summary>
/// Checks that a table is what the LPs assume: non-negative and additive. A table that is not additive would make
/// the attacker's LP infeasible and every range meaningless.
/// </summary>
internal static class TableInput
{
    public static void RequireNonNegative(IEnumerable<CellData> cells)
    {
        if (cells.Any(c => c.Contributors < 0 || c.Value < 0))
        {
            throw new ArgumentException("Disclosure control needs non-negative contributors and values.", nameof(cells));
        }
    }

    public static void RequireSum(IEnumerable<CellData> parts, CellData whole, string what)
    {
        // SQLite adds stored decimals as doubles, so a sum may differ from its parts in the fifteenth digit; a wrong
        // table is off by far more than that.
        if (Math.Abs(parts.Sum(p => p.Value) - whole.Value) > 1e-9m * Math.Max(1m, Math.Abs(whole.Value)))
        {
            throw new ArgumentException($"The values of {what} do not add up to their total.", nameof(parts));
        }
    }

    public static void RequireTwoWayShape(
        CellData[,] interior,
        IReadOnlyList<CellData> rowTotals,
        IReadOnlyList<CellData> columnTotals,
        OneWayProtection rows,
        OneWayProtection columns)
    {
        if (interior.GetLength(0) != rowTotals.Count || interior.GetLength(1) != columnTotals.Count
            || rows.Cells.Count != rowTotals.Count || columns.Cells.Count != columnTotals.Count)
        {
            throw new ArgumentException("The interior, the margins and their patterns must have matching sizes.", nameof(interior));
        }
    }

    public static void RequireTwoWaySums(
        CellData[,] interior,
        IReadOnlyList<CellData> rowTotals,
        IReadOnlyList<CellData> columnTotals,
        CellData total)
    {
        for (var i = 0; i < rowTotals.Count; i++)
        {
            RequireSum(Enumerable.Range(0, columnTotals.Count).Select(j => interior[i, j]), rowTotals[i], $"row {i}");
        }

        for (var j = 0; j < columnTotals.Count; j++)
        {
            RequireSum(Enumerable.Range(0, rowTotals.Count).Select(i => interior[i, j]), columnTotals[j], $"column {j}");
        }

        RequireSum(rowTotals, total, "the row margins");
        RequireSum(columnTotals, total, "the column margins");
    }
}
