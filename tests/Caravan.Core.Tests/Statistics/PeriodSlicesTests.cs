using Caravan.Core.Statistics;
using Caravan.Core.Statistics.Disclosure;

namespace Caravan.Core.Tests.Statistics;

public sealed class PeriodSlicesTests
{
    private static readonly AggregateRow[] Rows =
    [
        Row(202501, "RU", 5), Row(202501, "KZ", 2), Row(202502, "RU", 3), Row(202503, "RU", -4), Row(202503, "TR", 1),
    ];

    private static readonly (int, int, AggregateRow)[] Margins = [.. Rows.Select(r => (r.Month, 0, r))];

    [Fact]
    public void A_flow_period_has_only_its_own_months()
    {
        var slices = new PeriodSlices(Rows, Margins, stock: false);

        var (rows, margins) = slices.For(202502, 202503);

        rows.Select(r => (r.Month, r.Keys[0], r.Data.Value)).ShouldBe([(202502, "RU", 3m), (202503, "RU", -4m), (202503, "TR", 1m)]);
        margins.Count.ShouldBe(3);
        slices.For(202501, 202501).Rows.Sum(r => r.Data.Value).ShouldBe(7m);
    }

    [Fact]
    public void A_stock_period_has_everything_up_to_its_end_even_after_skipped_periods()
    {
        var slices = new PeriodSlices(Rows, Margins, stock: true);

        Totals(slices.For(202501, 202501).Rows).ShouldBe(new Dictionary<string, decimal> { ["RU"] = 5, ["KZ"] = 2 });
        // 2025-02 is not asked (its table was kept): 2025-03 still counts its rows.
        var (rows, margins) = slices.For(202503, 202503);
        Totals(rows).ShouldBe(new Dictionary<string, decimal> { ["RU"] = 4, ["KZ"] = 2, ["TR"] = 1 });
        Totals(margins.Select(m => m.Row)).ShouldBe(Totals(rows));
    }

    [Fact]
    public void A_stock_refuses_periods_out_of_order()
    {
        var slices = new PeriodSlices(Rows, Margins, stock: true);
        slices.For(202503, 202503);

        Should.Throw<InvalidOperationException>(() => slices.For(202501, 202501));
    }

    private static Dictionary<string, decimal> Totals(IEnumerable<AggregateRow> rows) =>
        rows.ToDictionary(r => r.Keys[0], r => r.Data.Value, StringComparer.Ordinal);

    private static AggregateRow Row(int month, string destination, decimal value) =>
        new(month, [destination], new CellData((long)value, value, 0, 0));
}
