using Caravan.Core.Statistics.Disclosure;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Caravan.Core.Tests.Statistics.Disclosure;

/// <summary>
/// Three dimensions of one microdata set, published as three one-way tables with the total and three two-way
/// tables over them: an attacker combines all of them, so every hidden cell must hold in one joint LP.
/// </summary>
public sealed class LinkedTablesTests
{
    // As published answers run it: without the solver audit, so the attacker LP below is the only proof.
    private static readonly DisclosureRules Rules = new(AuditWithSolver: false);

    private static Gen<(int[] Sizes, int[][] Persons)> Microdata =>
        from sizes in Gen.ArrayOf(Gen.Choose(2, 4), 3)
        from count in Gen.Choose(0, 120)
        from persons in Gen.ArrayOf(
            from a in Gen.Choose(0, sizes[0] - 1)
            from b in Gen.Choose(0, sizes[1] - 1)
            from c in Gen.Choose(0, sizes[2] - 1)
            select new[] { a, b, c },
            count)
        select (sizes, persons);

    [Property(MaxTest = 200)]
    public Property Every_hidden_cell_holds_in_the_joint_lp_when_refused_two_way_tables_are_withheld() =>
        Prop.ForAll(Arb.From(Microdata), data =>
        {
            var tables = LinkedTables.Protect(data.Sizes, data.Persons, Rules);
            tables.OneWay.Select(p => p.Total).Distinct().Count().ShouldBe(1, "the family agrees on the total");
            tables.JointFailures(withholdRefused: true).ShouldBeEmpty($"sizes [{string.Join(", ", data.Sizes)}]");
            return Prop.Label(true, tables.RefusedTables > 0 ? "with a refused two-way table" : "all two-way tables protected");
        });

    [Property(MaxTest = 200)]
    public Property A_family_hides_the_total_exactly_when_one_of_its_tables_would() =>
        Prop.ForAll(Arb.From(Microdata), data =>
        {
            var control = new DisclosureControl(Rules);
            var total = CellData.OfCount(data.Persons.Length);
            CellData[][] margins = [.. Enumerable.Range(0, 3).Select(d => Enumerable.Range(0, data.Sizes[d]).Select(code => CellData.OfCount(data.Persons.Count(p => p[d] == code))).ToArray())];
            var alone = margins.Select(m => control.ProtectOneWay(MeasureKind.Count, m, total)).ToArray();

            var family = control.ProtectOneWayFamily(MeasureKind.Count, margins, total);

            family.Count.ShouldBe(3);
            var hidden = alone.Any(p => p.Total != CellStatus.Published);
            family.ShouldAllBe(p => (p.Total != CellStatus.Published) == hidden);
            family.Select(p => p.Total).Distinct().Count().ShouldBe(1);
            for (var d = 0; d < 3; d++)
            {
                if (!hidden)
                {
                    family[d].Cells.ShouldBe(alone[d].Cells, "nothing changes when every table publishes the total");
                }

                // Each table on its own, against the test's attacker.
                var lp = new AttackerLp();
                var ids = margins[d].Zip(family[d].Cells).Select(p => lp.AddCell((double)p.First.Value, p.Second != CellStatus.Published)).ToArray();
                var totalId = lp.AddCell((double)total.Value, hidden);
                lp.AddSum(totalId, ids);
                ProtectionAssert.Failures(lp, MeasureKind.Count, Rules, c => c == totalId ? "total" : $"dim{d}[{c}]").ShouldBeEmpty();
            }

            var again = control.ProtectOneWayFamily(MeasureKind.Count, margins, total);
            again.SelectMany(p => p.Cells.Append(p.Total)).ShouldBe(family.SelectMany(p => p.Cells.Append(p.Total)), "deterministic");
            return Prop.Label(true, hidden ? "total hidden" : "total published");
        });

    [Fact]
    public void A_total_hidden_by_one_table_is_hidden_by_the_whole_family()
    {
        // Found by the property above when the one-way tables were protected one by one: the first dimension hides
        // the total (9 + 13 = 22 leaves 13 too narrow a range), the other two published it, and with the total
        // known 13 was again pinned to [0, 22].
        int[][] persons =
        [
            [1, 1, 0], [1, 0, 1], [0, 0, 2], [0, 0, 2], [1, 2, 2], [0, 0, 2], [0, 0, 1], [1, 1, 2], [1, 0, 2], [1, 2, 2],
            [1, 1, 1], [0, 1, 1], [1, 1, 0], [0, 0, 0], [0, 2, 1], [1, 2, 1], [1, 2, 0], [1, 1, 2], [0, 2, 2], [0, 1, 0],
            [1, 1, 2], [1, 2, 1],
        ];
        var control = new DisclosureControl(Rules);

        var tables = LinkedTables.Protect([2, 3, 3], persons, Rules);

        tables.Margins[0].Select(m => m.Value).ShouldBe([9m, 13m]);
        var alone = tables.Margins.Select(m => control.ProtectOneWay(MeasureKind.Count, m, tables.Total).Total).ToArray();
        alone.ShouldContain(CellStatus.Published, "protected one by one, some table publishes the total");
        alone.ShouldContain(CellStatus.SecondarySuppressed, "and the first hides it");
        tables.OneWay.ShouldAllBe(p => p.Total == CellStatus.SecondarySuppressed);
        tables.OneWay[0].Cells.ShouldBe([CellStatus.Suppressed, CellStatus.SecondarySuppressed]);
        tables.JointFailures(withholdRefused: true).ShouldBeEmpty("the 13 (and every other hidden cell) keeps its range in the joint LP");
        // Two of the two-way tables are refused. Published with every inner cell hidden (the caller's fallback),
        // the 13 and the other one-way cells still hold, but the refused tables' own cells do not: the published
        // dim2[2] = 10 pins its inner 4 to [0, 10].
        var failures = tables.JointFailures();
        failures.ShouldNotBeEmpty();
        failures.ShouldAllBe(f => f.StartsWith("dim0xdim2[", StringComparison.Ordinal) || f.StartsWith("dim1xdim2[", StringComparison.Ordinal));
        failures.ShouldContain(f => f.StartsWith("dim0xdim2[0,2]: value 4: attacker range [0, 10]", StringComparison.Ordinal));
    }

    [Fact]
    public void A_refused_two_way_table_published_with_every_inner_cell_hidden_still_shows_its_empty_cells()
    {
        // Found by the linked property: dim1 x dim2 is refused, and hiding all its inner cells still lists which are
        // non-empty. Row dim1[1] has one non-empty cell, so the primary dim1[1] = 8 is that cell and at most the
        // published dim2[1] = 14: [0, 14] does not reach 18. Withholding the refused tables keeps it safe.
        int[][] persons =
        [
            [0, 1, 1], [0, 1, 1], [1, 1, 1], [0, 2, 0], [1, 0, 0], [1, 0, 1], [1, 1, 1], [0, 2, 1], [0, 0, 0], [0, 0, 0],
            [0, 0, 1], [0, 2, 0], [0, 1, 1], [1, 2, 1], [1, 0, 0], [0, 0, 0], [1, 1, 1], [1, 2, 0], [0, 0, 0], [1, 2, 1],
            [0, 2, 0], [1, 0, 1], [0, 2, 0], [1, 1, 1], [1, 0, 0], [1, 1, 1], [0, 2, 0],
        ];

        var tables = LinkedTables.Protect([2, 3, 2], persons, Rules);

        tables.RefusedTables.ShouldBe(3);
        tables.OneWay[1].Cells[1].ShouldBe(CellStatus.Suppressed);
        tables.JointFailures().ShouldContain(f => f.StartsWith("dim1[1]: value 8: attacker range [0, 14]", StringComparison.Ordinal));
        tables.JointFailures(withholdRefused: true).ShouldBeEmpty();
    }
}
