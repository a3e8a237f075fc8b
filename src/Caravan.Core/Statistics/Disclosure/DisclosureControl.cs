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

    /// <summary>
    /// Protects a one-way table on its own: the total is hidden only when it is sensitive or when no cell is left to
    /// protect the hidden ones. Tables that share the total must use <see cref="ProtectOneWayFamily"/> instead.
    /// </summary>
    public OneWayProtection ProtectOneWay(MeasureKind kind, IReadOnlyList<CellData> cells, CellData total) =>
        ProtectOneWay(kind, cells, total, hideTotal: false);

    /// <summary>
    /// Protects a one-way table. With <paramref name="hideTotal"/> the total is hidden (Suppressed if it is itself
    /// sensitive, else SecondarySuppressed) and must keep its own protection interval like every hidden cell: cells
    /// are hidden, smallest first and never zeros, until the hidden ones add up to the total's downward margin. In
    /// the worst case every non-empty cell is hidden, and then nothing is pinned. Without it the total is hidden
    /// only when the table needs it (as the three-argument overload does).
    /// </summary>
    /// <exception cref="ArgumentException">
    /// <paramref name="hideTotal"/> with an empty total: it is a known zero, like every empty cell, and cannot be hidden.
    /// </exception>
    public OneWayProtection ProtectOneWay(MeasureKind kind, IReadOnlyList<CellData> cells, CellData total, bool hideTotal)
    {
        ArgumentNullException.ThrowIfNull(cells);
        TableInput.RequireNonNegative(cells.Append(total));
        TableInput.RequireSum(cells, total, "the cells");
        if (hideTotal && total.Contributors <= 0)
        {
            throw new ArgumentException("An empty total is a known zero and cannot be hidden.", nameof(hideTotal));
        }

        return new OneWaySuppressor(kind, Rules, c => IsSensitive(kind, c), cells, total, hideTotal).Protect();
    }

    /// <summary>
    /// Protects the one-way tables of every dimension of one indicator and period, which share one grand total. Each
    /// is protected on its own first; if any of them has to hide the total, the total would otherwise be public
    /// through another table, so all of them are protected again with the total hidden. The patterns come back in
    /// the order of <paramref name="tables"/>, all with the same <see cref="OneWayProtection.Total"/>.
    /// </summary>
    public IReadOnlyList<OneWayProtection> ProtectOneWayFamily(
        MeasureKind kind,
        IReadOnlyList<IReadOnlyList<CellData>> tables,
        CellData total)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var alone = tables.Select(cells => ProtectOneWay(kind, cells, total)).ToList();
        return alone.TrueForAll(p => p.Total == CellStatus.Published)
            ? alone
            : [.. tables.Select(cells => ProtectOneWay(kind, cells, total, hideTotal: true))];
    }

    /// <summary>
    /// Protects the interior of a two-way table. The margin patterns are those of the one-way tables, already
    /// protected and shared by every table with that margin, so they are never changed: only interior cells are
    /// hidden. The total counts as published if either margin table publishes it, since it is then public; margins
    /// from <see cref="ProtectOneWayFamily"/> always agree on it, and margins that do not are refused.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// <paramref name="rows"/> and <paramref name="columns"/> give the total different statuses: they were not
    /// protected as one family.
    /// </exception>
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
        if (rows.Total != columns.Total)
        {
            throw new ArgumentException(
                "The row and column margins disagree on the grand total: protect them with ProtectOneWayFamily.",
                nameof(columns));
        }

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
        return new TwoWayProtection(suppressor.Protect(Rules.AuditWithSolver), [.. rows.Cells], [.. columns.Cells], totalStatus);
    }
}
