using System.Diagnostics;
using Caravan.Core.Statistics.Disclosure;
using Xunit.Abstractions;

namespace Caravan.Core.Tests.Statistics.Disclosure;

public sealed class LargeTableTests(ITestOutputHelper output)
{
    private readonly DisclosureControl _control = new(new DisclosureRules());

    // Timing belongs to bench/; this checks that large tables are protected (the LP audit runs inside) and hide little.
    [Theory]
    [InlineData(15, 12, false)]
    [InlineData(200, 15, false)]
    [InlineData(200, 14, true)]
    public void Large_two_way_table_is_protected_and_keeps_most_cells(int rows, int columns, bool mostlySmall)
    {
        var table = RandomTable(rows, columns, seed: 20_240_601, mostlySmall);
        var (rowProtection, columnProtection) = table.ProtectMargins(_control, MeasureKind.Count);
        // The first call pays for loading the native solver; publishing runs many tables per process.
        Protect(OneSmallCell());

        var watch = Stopwatch.StartNew();
        var protection = _control.ProtectTwoWay(MeasureKind.Count, table.Interior, table.RowTotals, table.ColumnTotals, table.Total, rowProtection, columnProtection);
        watch.Stop();

        var hidden = protection.Interior.Cast<CellStatus>().Count(s => s != CellStatus.Published);
        var primary = protection.Interior.Cast<CellStatus>().Count(s => s == CellStatus.Suppressed);
        output.WriteLine($"{rows}x{columns}: {primary} primary, {hidden} hidden in {watch.Elapsed.TotalMilliseconds:F1} ms");
        primary.ShouldBeGreaterThan(0);
        hidden.ShouldBeLessThan(rows * columns);
    }

    private void Protect(TwoWayCase table)
    {
        var (rows, columns) = table.ProtectMargins(_control, MeasureKind.Count);
        _control.ProtectTwoWay(MeasureKind.Count, table.Interior, table.RowTotals, table.ColumnTotals, table.Total, rows, columns);
    }

    private static TwoWayCase OneSmallCell()
    {
        var interior = new CellData[3, 3];
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                interior[i, j] = CellData.OfCount(i + j == 0 ? 3 : 20);
            }
        }

        return new TwoWayCase(interior);
    }

    // mostlySmall: cells of a few persons each, as placements by agency and region in a month are; nearly every cell
    // is under the threshold, so nearly every cell is hidden and each needs its range.
    private static TwoWayCase RandomTable(int rows, int columns, int seed, bool mostlySmall)
    {
        // Fixed seed: a test of speed should measure the same table every run.
#pragma warning disable CA5394 // Not security-relevant: synthetic test data.
        var random = new Random(seed);
        var interior = new CellData[rows, columns];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < columns; j++)
            {
                var roll = random.Next(10);
                interior[i, j] = CellData.OfCount(mostlySmall ? (roll < 1 ? 0 : roll < 9 ? random.Next(1, 10) : random.Next(10, 20))
                    : roll < 2 ? 0 : roll < 5 ? random.Next(1, 10) : random.Next(10, 60));
            }
        }
#pragma warning restore CA5394

        return new TwoWayCase(interior);
    }
}
