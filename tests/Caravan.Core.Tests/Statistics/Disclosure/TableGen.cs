using Caravan.Core.Statistics.Disclosure;
using FsCheck;
using FsCheck.Fluent;

namespace Caravan.Core.Tests.Statistics.Disclosure;

/// <summary>Random tables with many empty and small cells, where disclosure control has real work to do.</summary>
internal static class TableGen
{
    /// <summary>A cell as its list of contributions: counts contribute 1 each, magnitudes a random amount.</summary>
    public static Gen<int[]> Contributions(MeasureKind kind)
    {
        var size = Gen.Frequency(
            (2, Gen.Constant(0)),
            (4, Gen.Choose(1, 9)),
            (3, Gen.Choose(10, 30)));
        var amount = kind == MeasureKind.Count
            ? Gen.Constant(1)
            : Gen.Frequency((6, Gen.Choose(1, 100)), (1, Gen.Choose(500, 3000)));
        return size.SelectMany(n => Gen.ArrayOf(amount, n));
    }

    public static CellData Cell(IEnumerable<int> contributions)
    {
        var sorted = contributions.OrderByDescending(c => c).ToArray();
        return new CellData(
            sorted.Length,
            sorted.Sum(),
            sorted.Length > 0 ? sorted[0] : 0,
            sorted.Length > 1 ? sorted[1] : 0);
    }

    public static CellData Sum(IEnumerable<CellData> cells) => cells.Aggregate(CellData.Empty, (a, b) => a.Add(b));

    public static Gen<int[][]> OneWay(MeasureKind kind) =>
        Gen.Choose(1, 12).SelectMany(n => Gen.ArrayOf(Contributions(kind), n));

    public static Gen<int[][][]> TwoWay(MeasureKind kind) =>
        from rows in Gen.Choose(2, 8)
        from columns in Gen.Choose(2, 6)
        from table in Gen.ArrayOf(Gen.ArrayOf(Contributions(kind), columns), rows)
        select table;
}
