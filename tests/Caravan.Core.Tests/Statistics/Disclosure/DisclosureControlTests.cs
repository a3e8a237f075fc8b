using Caravan.Core.Statistics.Disclosure;

namespace Caravan.Core.Tests.Statistics.Disclosure;

public sealed class DisclosureControlTests
{
    private static readonly int[] SmallAndTwoLarge = [3, 40, 50];
    private static readonly int[] OnlySmall = [0, 4, 0];

    private readonly DisclosureControl _control = new(new DisclosureRules());

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(9, true)]
    [InlineData(10, false)]
    [InlineData(250, false)]
    public void Count_is_sensitive_between_zero_and_the_threshold(long n, bool sensitive) =>
        _control.IsSensitive(MeasureKind.Count, CellData.OfCount(n)).ShouldBe(sensitive);

    [Fact]
    public void Magnitude_is_sensitive_when_the_two_largest_leave_less_than_p_percent_of_the_largest()
    {
        // 8 small contributors of 1 leave 8 < 15% of 100.
        var dominated = TableGen.Cell([100, 10, 1, 1, 1, 1, 1, 1, 1, 1]);
        var spread = TableGen.Cell([100, 10, 2, 2, 2, 2, 2, 2, 2, 2]);

        _control.IsSensitive(MeasureKind.Magnitude, dominated).ShouldBeTrue();
        _control.IsSensitive(MeasureKind.Magnitude, spread).ShouldBeFalse();
        _control.IsSensitive(MeasureKind.Magnitude, TableGen.Cell([5, 5, 5, 5, 5, 5, 5, 5, 5])).ShouldBeTrue("nine contributors");
        _control.IsSensitive(MeasureKind.Magnitude, CellData.Empty).ShouldBeFalse("empty cells are known zeros");
    }

    [Fact]
    public void Add_keeps_the_two_largest_of_both_cells()
    {
        var sum = TableGen.Cell([50, 7, 1]).Add(TableGen.Cell([30, 20]));

        sum.ShouldBe(new CellData(5, 108, 50, 30));
        CellData.OfCount(3).Add(CellData.OfCount(1)).ShouldBe(CellData.OfCount(4));
    }

    [Fact]
    public void One_small_cell_takes_others_with_it_but_leaves_the_total()
    {
        var cells = SmallAndTwoLarge.Select(n => CellData.OfCount(n)).ToArray();

        var protection = _control.ProtectOneWay(MeasureKind.Count, cells, CellData.OfCount(93));

        protection.Cells[0].ShouldBe(CellStatus.Suppressed);
        protection.Cells.Count(s => s == CellStatus.SecondarySuppressed).ShouldBeGreaterThanOrEqualTo(1);
        protection.Total.ShouldBe(CellStatus.Published);
    }

    [Fact]
    public void Only_non_zero_cell_being_small_hides_the_total()
    {
        var cells = OnlySmall.Select(n => CellData.OfCount(n)).ToArray();

        var protection = _control.ProtectOneWay(MeasureKind.Count, cells, CellData.OfCount(4));

        protection.Cells.ShouldBe([CellStatus.Published, CellStatus.Suppressed, CellStatus.Published]);
        protection.Total.ShouldNotBe(CellStatus.Published);
    }

    [Fact]
    public void Only_non_zero_magnitude_being_dominated_hides_the_total()
    {
        var dominated = TableGen.Cell([1000, 10, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);

        var protection = _control.ProtectOneWay(MeasureKind.Magnitude, [CellData.Empty, dominated], dominated);

        protection.Cells.ShouldBe([CellStatus.Published, CellStatus.Suppressed]);
        protection.Total.ShouldNotBe(CellStatus.Published);
    }

    [Fact]
    public void One_small_inner_cell_hides_at_least_a_rectangle()
    {
        var interior = new CellData[3, 3];
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                interior[i, j] = CellData.OfCount(i == 1 && j == 1 ? 3 : 20);
            }
        }

        var table = new TwoWayCase(interior);
        var (rows, columns) = table.ProtectMargins(_control, MeasureKind.Count);
        rows.Cells.ShouldAllBe(s => s == CellStatus.Published);

        var protection = _control.ProtectTwoWay(MeasureKind.Count, interior, table.RowTotals, table.ColumnTotals, table.Total, rows, columns);

        protection.Interior[1, 1].ShouldBe(CellStatus.Suppressed);
        var hidden = protection.Interior.Cast<CellStatus>().Count(s => s != CellStatus.Published);
        hidden.ShouldBeGreaterThanOrEqualTo(4);
        Enumerable.Range(0, 3).Count(j => protection.Interior[1, j] != CellStatus.Published).ShouldBeGreaterThanOrEqualTo(2, "another in its row");
        Enumerable.Range(0, 3).Count(i => protection.Interior[i, 1] != CellStatus.Published).ShouldBeGreaterThanOrEqualTo(2, "another in its column");
    }

    [Fact]
    public void Margins_that_pin_a_small_cell_make_the_table_refused()
    {
        // Column 1 adds up to 12 = 5 + 7 and is published: neither inner cell can rise by 10.
        var interior = new CellData[,]
        {
            { CellData.OfCount(30), CellData.OfCount(5) },
            { CellData.OfCount(40), CellData.OfCount(7) },
        };
        var table = new TwoWayCase(interior);
        var (rows, columns) = table.ProtectMargins(_control, MeasureKind.Count);
        columns.Cells[1].ShouldBe(CellStatus.Published);

        Should.Throw<TableNotProtectableException>(() =>
            _control.ProtectTwoWay(MeasureKind.Count, interior, table.RowTotals, table.ColumnTotals, table.Total, rows, columns));
    }

    [Fact]
    public void A_forced_hidden_total_takes_enough_cells_to_keep_its_own_interval()
    {
        // 22 = 9 + 13: the 9 alone lets the total fall only to 13, not to 12; hiding the 13 too lets it fall to 0.
        var protection = _control.ProtectOneWay(MeasureKind.Count, [CellData.OfCount(9), CellData.OfCount(13)], CellData.OfCount(22), hideTotal: true);

        protection.Cells.ShouldBe([CellStatus.Suppressed, CellStatus.SecondarySuppressed]);
        protection.Total.ShouldBe(CellStatus.SecondarySuppressed);
    }

    [Fact]
    public void A_forced_hidden_total_needs_no_secondary_cell_when_the_primary_ones_cover_it()
    {
        int[] counts = [3, 4, 5, 40, 50];
        var cells = counts.Select(n => CellData.OfCount(n)).ToArray();

        var protection = _control.ProtectOneWay(MeasureKind.Count, cells, CellData.OfCount(102), hideTotal: true);

        protection.Cells.ShouldBe([CellStatus.Suppressed, CellStatus.Suppressed, CellStatus.Suppressed, CellStatus.Published, CellStatus.Published]);
        protection.Total.ShouldBe(CellStatus.SecondarySuppressed);
    }

    [Fact]
    public void A_sensitive_total_forced_hidden_is_primary_suppressed()
    {
        var protection = _control.ProtectOneWay(MeasureKind.Count, [CellData.Empty, CellData.OfCount(4)], CellData.OfCount(4), hideTotal: true);

        protection.Cells.ShouldBe([CellStatus.Published, CellStatus.Suppressed]);
        protection.Total.ShouldBe(CellStatus.Suppressed);
    }

    [Fact]
    public void An_empty_total_cannot_be_forced_hidden() =>
        Should.Throw<ArgumentException>(() =>
            _control.ProtectOneWay(MeasureKind.Count, [CellData.Empty, CellData.Empty], CellData.Empty, hideTotal: true));

    [Fact]
    public void Margins_that_disagree_on_the_total_are_rejected()
    {
        var interior = new CellData[,]
        {
            { CellData.OfCount(9), CellData.OfCount(20) },
            { CellData.OfCount(20), CellData.OfCount(20) },
        };
        var table = new TwoWayCase(interior);
        var rows = _control.ProtectOneWay(MeasureKind.Count, table.RowTotals, table.Total);
        var columns = _control.ProtectOneWay(MeasureKind.Count, table.ColumnTotals, table.Total, hideTotal: true);
        rows.Total.ShouldBe(CellStatus.Published);

        Should.Throw<ArgumentException>(() =>
            _control.ProtectTwoWay(MeasureKind.Count, interior, table.RowTotals, table.ColumnTotals, table.Total, rows, columns));
    }

    [Fact]
    public void A_table_that_does_not_add_up_is_rejected() =>
        Should.Throw<ArgumentException>(() =>
            _control.ProtectOneWay(MeasureKind.Count, [CellData.OfCount(3), CellData.OfCount(4)], CellData.OfCount(8)));
}
