using Caravan.Core.Statistics;

namespace Caravan.Core.Tests.Statistics;

public class PeriodsTests
{
    [Theory]
    [InlineData("2026", 202601, 202612)]
    [InlineData("2026-Q1", 202601, 202603)]
    [InlineData("2026-Q4", 202610, 202612)]
    [InlineData("2026-03", 202603, 202603)]
    [InlineData(" 2026-12 ", 202612, 202612)]
    public void A_period_covers_its_months(string text, int first, int last) => Periods.Parse(text).ShouldBe((first, last));

    [Theory]
    [InlineData("2026-13")]
    [InlineData("2026-Q5")]
    [InlineData("2026-00")]
    [InlineData("26")]
    [InlineData("1989")]
    [InlineData("2026-1")]
    [InlineData("2026/03")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_not_a_period(string? text) => Periods.Parse(text).ShouldBeNull();

    [Fact]
    public void A_range_gives_each_period_of_the_periodicity_once()
    {
        Periods.Range(202511, 202602, Periodicity.Monthly).Select(p => p.Period).ShouldBe(["2025-11", "2025-12", "2026-01", "2026-02"]);
        Periods.Range(202511, 202602, Periodicity.Quarterly).ShouldBe([("2025-Q4", 202510, 202512), ("2026-Q1", 202601, 202603)]);
        Periods.Range(202503, 202602, Periodicity.Annual).Select(p => p.Period).ShouldBe(["2025", "2026"]);
    }

    [Theory]
    [InlineData(202603, 11, 202504)]
    [InlineData(202601, 1, 202512)]
    [InlineData(202612, 0, 202612)]
    public void Months_before_cross_years(int month, int count, int expected) => Periods.MonthsBefore(month, count).ShouldBe(expected);
}
