using Caravan.Core.Statistics.Disclosure;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Caravan.Core.Tests.Statistics.Disclosure;

public sealed class OneWayPropertyTests
{
    // As published answers run it: without the solver audit, so the attacker LP below is the only proof.
    private static readonly DisclosureRules Rules = new(AuditWithSolver: false);

    [Property(MaxTest = 200)]
    public Property Every_hidden_count_keeps_its_interval() => Check(MeasureKind.Count);

    [Property(MaxTest = 200)]
    public Property Every_hidden_magnitude_keeps_its_interval() => Check(MeasureKind.Magnitude);

    [Property(MaxTest = 200)]
    public Property With_the_total_hidden_every_hidden_count_keeps_its_interval() => CheckHiddenTotal(MeasureKind.Count);

    [Property(MaxTest = 200)]
    public Property With_the_total_hidden_every_hidden_magnitude_keeps_its_interval() => CheckHiddenTotal(MeasureKind.Magnitude);

    private static Property CheckHiddenTotal(MeasureKind kind) =>
        Prop.ForAll(Arb.From(TableGen.OneWay(kind)), table =>
        {
            var cells = table.Select(TableGen.Cell).ToArray();
            var total = TableGen.Sum(cells);
            var control = new DisclosureControl(Rules);
            if (total.Contributors == 0)
            {
                Should.Throw<ArgumentException>(() => control.ProtectOneWay(kind, cells, total, hideTotal: true));
                return Prop.Label(true, "empty total refused");
            }

            var protection = control.ProtectOneWay(kind, cells, total, hideTotal: true);

            protection.Cells.Count.ShouldBe(cells.Length);
            protection.Total.ShouldBe(control.IsSensitive(kind, total) ? CellStatus.Suppressed : CellStatus.SecondarySuppressed);
            for (var i = 0; i < cells.Length; i++)
            {
                if (control.IsSensitive(kind, cells[i]))
                {
                    protection.Cells[i].ShouldBe(CellStatus.Suppressed, $"cell {i} is sensitive");
                }
            }

            ProtectionAssert.PublishedCellsPassPrimaryRule(control, kind, cells.Zip(protection.Cells));
            var lp = new AttackerLp();
            var ids = cells.Zip(protection.Cells).Select(p => lp.AddCell((double)p.First.Value, p.Second != CellStatus.Published)).ToArray();
            var totalId = lp.AddCell((double)total.Value, hidden: true);
            lp.AddSum(totalId, ids);
            ProtectionAssert.Failures(lp, kind, Rules, c => c == totalId ? "total" : $"cell {c}").ShouldBeEmpty();
            var again = control.ProtectOneWay(kind, cells, total, hideTotal: true);
            again.Cells.ShouldBe(protection.Cells, "the same input gives the same pattern");
            return Prop.Label(true, protection.Cells.Contains(CellStatus.SecondarySuppressed) ? "secondary cells" : "no secondary cell");
        });

    private static Property Check(MeasureKind kind) =>
        Prop.ForAll(Arb.From(TableGen.OneWay(kind)), table =>
        {
            var cells = table.Select(TableGen.Cell).ToArray();
            var total = TableGen.Sum(cells);
            var control = new DisclosureControl(Rules);

            var protection = control.ProtectOneWay(kind, cells, total);

            protection.Cells.Count.ShouldBe(cells.Length);
            ProtectionAssert.PublishedCellsPassPrimaryRule(
                control, kind, cells.Zip(protection.Cells).Append((total, protection.Total)));
            var lp = new AttackerLp();
            var ids = cells.Zip(protection.Cells).Select(p => lp.AddCell((double)p.First.Value, p.Second != CellStatus.Published)).ToArray();
            var totalId = lp.AddCell((double)total.Value, protection.Total != CellStatus.Published);
            lp.AddSum(totalId, ids);
            ProtectionAssert.Failures(lp, kind, Rules, c => c == totalId ? "total" : $"cell {c}").ShouldBeEmpty();
            var again = control.ProtectOneWay(kind, cells, total);
            again.Cells.ShouldBe(protection.Cells, "the same input gives the same pattern");
            again.Total.ShouldBe(protection.Total);
        });
}
