using Caravan.Core.Statistics.Disclosure;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Caravan.Core.Tests.Statistics.Disclosure;

public sealed class OneWayPropertyTests
{
    private static readonly DisclosureRules Rules = new();

    [Property(MaxTest = 200)]
    public Property Every_hidden_count_keeps_its_interval() => Check(MeasureKind.Count);

    [Property(MaxTest = 200)]
    public Property Every_hidden_magnitude_keeps_its_interval() => Check(MeasureKind.Magnitude);

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
