using Caravan.Core.Statistics.Disclosure;

namespace Caravan.Core.Tests.Statistics.Disclosure;

/// <summary>A two-way table with its margins, protected the way the publisher does it: margins first.</summary>
internal sealed class TwoWayCase
{
    public TwoWayCase(CellData[,] interior)
    {
        Interior = interior;
        Rows = interior.GetLength(0);
        Columns = interior.GetLength(1);
        RowTotals = [.. Enumerable.Range(0, Rows).Select(i => TableGen.Sum(Enumerable.Range(0, Columns).Select(j => interior[i, j])))];
        ColumnTotals = [.. Enumerable.Range(0, Columns).Select(j => TableGen.Sum(Enumerable.Range(0, Rows).Select(i => interior[i, j])))];
        Total = TableGen.Sum(RowTotals);
    }

    public CellData[,] Interior { get; }

    public int Rows { get; }

    public int Columns { get; }

    public CellData[] RowTotals { get; }

    public CellData[] ColumnTotals { get; }

    public CellData Total { get; }

    public static TwoWayCase From(int[][][] contributions)
    {
        var interior = new CellData[contributions.Length, contributions[0].Length];
        for (var i = 0; i < contributions.Length; i++)
        {
            for (var j = 0; j < contributions[0].Length; j++)
            {
                interior[i, j] = TableGen.Cell(contributions[i][j]);
            }
        }

        return new TwoWayCase(interior);
    }

    /// <summary>The margins as one family: both share the total, so they agree on whether it is published.</summary>
    public (OneWayProtection Rows, OneWayProtection Columns) ProtectMargins(DisclosureControl control, MeasureKind kind)
    {
        var family = control.ProtectOneWayFamily(kind, [RowTotals, ColumnTotals], Total);
        return (family[0], family[1]);
    }

    /// <summary>The attacker's LP of this table alone; <paramref name="interiorHidden"/> says which inner cells are unknown.</summary>
    public AttackerLp Attacker(Func<int, int, bool> interiorHidden, OneWayProtection rows, OneWayProtection columns, bool totalHidden, out Func<int, string> name)
    {
        var lp = new AttackerLp();
        var cells = new int[Rows, Columns];
        for (var i = 0; i < Rows; i++)
        {
            for (var j = 0; j < Columns; j++)
            {
                cells[i, j] = lp.AddCell((double)Interior[i, j].Value, interiorHidden(i, j));
            }
        }

        var rowIds = Enumerable.Range(0, Rows).Select(i => lp.AddCell((double)RowTotals[i].Value, rows.Cells[i] != CellStatus.Published)).ToArray();
        var columnIds = Enumerable.Range(0, Columns).Select(j => lp.AddCell((double)ColumnTotals[j].Value, columns.Cells[j] != CellStatus.Published)).ToArray();
        var totalId = lp.AddCell((double)Total.Value, totalHidden);
        for (var i = 0; i < Rows; i++)
        {
            lp.AddSum(rowIds[i], Enumerable.Range(0, Columns).Select(j => cells[i, j]));
        }

        for (var j = 0; j < Columns; j++)
        {
            lp.AddSum(columnIds[j], Enumerable.Range(0, Rows).Select(i => cells[i, j]));
        }

        lp.AddSum(totalId, rowIds);
        lp.AddSum(totalId, columnIds);
        var interiorCount = Rows * Columns;
        var rowCount = Rows;
        var columnCount = Columns;
        name = c => c < interiorCount ? $"interior ({c / columnCount}, {c % columnCount})"
            : c < interiorCount + rowCount ? $"row margin {c - interiorCount}"
            : c < interiorCount + rowCount + columnCount ? $"column margin {c - interiorCount - rowCount}"
            : "total";
        return lp;
    }
}
