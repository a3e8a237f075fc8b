using Caravan.Core.Statistics.Disclosure;

namespace Caravan.Core.Tests.Statistics.Disclosure;

/// <summary>
/// The classic attack on a published table: subtract the published bands from the total to learn the hidden ones.
/// </summary>
public sealed class DifferencingTests
{
    private static readonly string[] Bands = ["15-19", "20-24", "25-29", "30-34"];
    private static readonly int[] AgesUnder25 = [16, 18, 19, 21, 22, 23, 24];

    [Fact]
    public void Under_25_cannot_be_recovered_from_the_total_and_the_bands_from_25()
    {
        var rules = new DisclosureRules();
        var control = new DisclosureControl(rules);
        // 7 persons under 25, split 3 / 4, and plenty from 25 on.
        var ages = AgesUnder25
            .Concat(Enumerable.Repeat(27, 30))
            .Concat(Enumerable.Repeat(32, 25));
        var cells = Bands.Select(band => CellData.OfCount(ages.Count(age => Band(age) == band))).ToArray();
        var total = CellData.OfCount(ages.Count());

        var protection = control.ProtectOneWay(MeasureKind.Count, cells, total);

        protection.Cells[0].ShouldBe(CellStatus.Suppressed);
        protection.Cells[1].ShouldBe(CellStatus.Suppressed);
        protection.Total.ShouldBe(CellStatus.Published);
        var published25Plus = Enumerable.Range(2, 2).Where(i => protection.Cells[i] == CellStatus.Published).Sum(i => cells[i].Value);
        (total.Value - published25Plus).ShouldNotBe(7m, "a band from 25 on must be hidden too");

        var lp = new AttackerLp();
        var ids = cells.Zip(protection.Cells).Select(p => lp.AddCell((double)p.First.Value, p.Second != CellStatus.Published)).ToArray();
        lp.AddSum(lp.AddCell((double)total.Value, hidden: false), ids);
        var (low, high) = lp.Range(ids[0], ids[1]);
        low.ShouldBeLessThanOrEqualTo(Math.Max(0, 7 - rules.Threshold));
        high.ShouldBeGreaterThanOrEqualTo(7 + rules.Threshold);
    }

    private static string Band(int age) => $"{age / 5 * 5}-{(age / 5 * 5) + 4}";
}
