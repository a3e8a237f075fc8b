using Caravan.Core.Statistics.Disclosure;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Caravan.Core.Tests.Statistics.Disclosure;

public sealed class TwoWayPropertyTests
{
    // As published answers run it: without the solver audit, so the attacker LP below is the only proof.
    private static readonly DisclosureRules Rules = new(AuditWithSolver: false);

    [Property(MaxTest = 200)]
    public Property Every_hidden_count_keeps_its_interval_or_the_table_is_refused() => Check(MeasureKind.Count);

    [Property(MaxTest = 200)]
    public Property Every_hidden_magnitude_keeps_its_interval_or_the_table_is_refused() => Check(MeasureKind.Magnitude);

    private static Property Check(MeasureKind kind) =>
        Prop.ForAll(Arb.From(TableGen.TwoWay(kind)), contributions =>
        {
            var table = TwoWayCase.From(contributions);
            var control = new DisclosureControl(Rules);
            var (rows, columns) = table.ProtectMargins(control, kind);
            rows.Total.ShouldBe(columns.Total, "margins protected as one family agree on the total");
            var totalHidden = rows.Total != CellStatus.Published;
            TwoWayProtection protection;
            try
            {
                protection = control.ProtectTwoWay(kind, table.Interior, table.RowTotals, table.ColumnTotals, table.Total, rows, columns);
            }
            catch (TableNotProtectableException)
            {
                // A refusal must be justified: even with every non-empty inner cell hidden some cell is exposed.
                var all = table.Attacker((i, j) => table.Interior[i, j].Contributors > 0 && table.Interior[i, j].Value > 0, rows, columns, totalHidden, out var allName);
                ProtectionAssert.Failures(all, kind, Rules, allName).ShouldNotBeEmpty();
                return Prop.Label(true, "refused");
            }

            protection.Rows.ShouldBe(rows.Cells, "row margin pattern is fixed");
            protection.Columns.ShouldBe(columns.Cells, "column margin pattern is fixed");
            (protection.Total != CellStatus.Published).ShouldBe(totalHidden);
            var interior = Enumerable.Range(0, table.Rows).SelectMany(i => Enumerable.Range(0, table.Columns).Select(j => (table.Interior[i, j], protection.Interior[i, j])));
            ProtectionAssert.PublishedCellsPassPrimaryRule(control, kind, interior);
            var lp = table.Attacker((i, j) => protection.Interior[i, j] != CellStatus.Published, rows, columns, totalHidden, out var name);
            ProtectionAssert.Failures(lp, kind, Rules, name).ShouldBeEmpty();
            var again = control.ProtectTwoWay(kind, table.Interior, table.RowTotals, table.ColumnTotals, table.Total, rows, columns);
            again.Interior.Cast<CellStatus>().ShouldBe(protection.Interior.Cast<CellStatus>(), "the same input gives the same pattern");
            return Prop.Label(true, "protected");
        });
}
