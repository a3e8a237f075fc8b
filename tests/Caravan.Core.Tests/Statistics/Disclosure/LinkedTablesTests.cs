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
    private static readonly DisclosureRules Rules = new();

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

    [Property(MaxTest = 200, Skip = "Known limitation (docs/statistics-disclosure.md, linked tables): one-way tables "
        + "protected one by one may disagree on the grand total; see the two tests below.")]
    public Property Every_hidden_cell_holds_in_the_joint_lp_of_all_linked_tables() =>
        Prop.ForAll(Arb.From(Microdata), data =>
        {
            var failures = LinkedTables.Protect(data.Sizes, data.Persons, Rules).JointFailures();
            failures.ShouldBeEmpty($"sizes [{string.Join(", ", data.Sizes)}]");
        });

    [Property(MaxTest = 200)]
    public Property Every_hidden_cell_holds_in_the_joint_lp_when_the_one_way_tables_agree_on_the_total() =>
        Prop.ForAll(Arb.From(Microdata), data =>
        {
            var tables = LinkedTables.Protect(data.Sizes, data.Persons, Rules);
            return Prop.Implies(!tables.TotalStatusesDiffer, () =>
                tables.JointFailures().ShouldBeEmpty($"sizes [{string.Join(", ", data.Sizes)}]"));
        });

    [Fact]
    public void A_total_hidden_by_one_table_and_published_by_another_exposes_the_first()
    {
        // Found by the property above: the first dimension hides the total (9 + 13 = 22 leaves 13 too narrow a
        // range), the other two publish it, and with the total known 13 is again pinned to [0, 22].
        int[][] persons =
        [
            [1, 1, 0], [1, 0, 1], [0, 0, 2], [0, 0, 2], [1, 2, 2], [0, 0, 2], [0, 0, 1], [1, 1, 2], [1, 0, 2], [1, 2, 2],
            [1, 1, 1], [0, 1, 1], [1, 1, 0], [0, 0, 0], [0, 2, 1], [1, 2, 1], [1, 2, 0], [1, 1, 2], [0, 2, 2], [0, 1, 0],
            [1, 1, 2], [1, 2, 1],
        ];

        var tables = LinkedTables.Protect([2, 3, 3], persons, Rules);

        tables.TotalStatusesDiffer.ShouldBeTrue();
        tables.JointFailures().ShouldContain(f => f.StartsWith("dim0[1]: value 13", StringComparison.Ordinal));
    }
}
