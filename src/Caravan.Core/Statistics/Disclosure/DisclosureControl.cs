namespace Caravan.Core.Statistics.Disclosure;

/// <summary>
/// Statistical disclosure control for published tables: the primary rule says which cells are too revealing to
/// publish, secondary suppression hides enough other cells that none of them can be worked out again from the
/// published cells and the table's sums. See docs/statistics-disclosure.md.
/// </summary>
public sealed class DisclosureControl(DisclosureRules rules)
{
    public DisclosureRules Rules { get; } = rules ?? throw new ArgumentNullException(nameof(rules));

    /// <summary>
    /// The primary rule for one cell. Count: 0 &lt; Contributors &lt; Threshold. Magnitude: Contributors &lt;
    /// Threshold, or the p% dominance rule fails. Empty cells are never sensitive: they are published as zeros.
    /// </summary>
    public bool IsSensitive(MeasureKind kind, CellData cell)
    {
        if (cell.Contributors <= 0)
        {
            return false;
        }

        if (cell.Contributors < Rules.Threshold)
        {
            return true;
        }

        // The two largest contributors together could subtract the rest from the total and learn the largest to
        // within less than p%.
        return kind == MeasureKind.Magnitude
            && cell.Value - cell.Largest - cell.SecondLargest < Rules.DominancePercent / 100m * cell.Largest;
    }

    public OneWayProtection ProtectOneWay(MeasureKind kind, IReadOnlyList<CellData> cells, CellData total)
    {
        ArgumentNullException.ThrowIfNull(cells);
        TableInput.RequireNonNegative(cells.Append(total));
        TableInput.RequireSum(cells, total, "the cells");
        return new OneWaySuppressor(kind, Rules, c => IsSensitive(kind, c), cells, total).Protect();
    }

    /// <summary>
    /// Protects the interior of a two-way table. The margin patterns are those of the one-way tables, already
    /// protected and shared by every table with that margin, so they are never changed: only interior cells are
    /// hidden. The total counts as published if either margin table publishes it, since it is then public.
    /// </summary>
    /// <exception cref="TableNotProtectableException">
    /// The published margins leave some hidden cell too narrow a range whatever interior cells are hidden.
    /// </exception>
    public TwoWayProtection ProtectTwoWay(
        MeasureKind kind,
        CellData[,] interior,
        IReadOnlyList<CellData> rowTotals,
        IReadOnlyList<CellData> columnTotals,
        CellData total,
        OneWayProtection rows,
        OneWayProtection columns)
    {
        ArgumentNullException.ThrowIfNull(interior);
        ArgumentNullException.ThrowIfNull(rowTotals);
        ArgumentNullException.ThrowIfNull(columnTotals);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(columns);
        TableInput.RequireTwoWayShape(interior, rowTotals, columnTotals, rows, columns);
        TableInput.RequireNonNegative(interior.Cast<CellData>().Concat(rowTotals).Concat(columnTotals).Append(total));
        TableInput.RequireTwoWaySums(interior, rowTotals, columnTotals, total);

        var primary = new CellStatus[rowTotals.Count, columnTotals.Count];
        for (var i = 0; i < rowTotals.Count; i++)
        {
            for (var j = 0; j < columnTotals.Count; j++)
            {
                primary[i, j] = IsSensitive(kind, interior[i, j]) ? CellStatus.Suppressed : CellStatus.Published;
            }
        }

        var totalStatus = rows.Total == CellStatus.Published || columns.Total == CellStatus.Published
            ? CellStatus.Published
            : rows.Total;
        var suppressor = new TwoWaySuppressor(
            c => ProtectionInterval.For(kind, Rules, c.Value),
            interior,
            rowTotals,
            columnTotals,
            total,
            primary,
            rows.Cells,
            columns.Cells,
            totalStatus);
        return new TwoWayProtection(suppressor.Protect(), [.. rows.Cells], [.. columns.Cells], totalStatus);
    }
}
