using Caravan.Core.Statistics.Datasets;

namespace Caravan.Core.Tests.Statistics.Datasets;

public class TableNumbersTests
{
    [Theory]
    [InlineData("1234", '.', 1234)]
    [InlineData("1 234 567", '.', 1234567)]
    [InlineData("1\u00A0234", ',', 1234)]
    [InlineData("1\u202F234,5", ',', 1234.5)]
    [InlineData("1,234", '.', 1234)]
    [InlineData("1,234", ',', 1.234)]
    [InlineData("1.234", '.', 1.234)]
    [InlineData("1.234", ',', 1234)]
    [InlineData("1,234,567.25", '.', 1234567.25)]
    [InlineData("1.234.567,25", ',', 1234567.25)]
    [InlineData("12,5", ',', 12.5)]
    [InlineData("-7", '.', -7)]
    [InlineData("−7,5", ',', -7.5)]
    [InlineData(" 0 ", '.', 0)]
    public void Numbers_read_with_the_declared_decimal_separator(string text, char separator, double expected)
    {
        var number = TableNumbers.Parse(text, separator);
        number.Kind.ShouldBe(TableNumberKind.Number);
        number.Value.ShouldBe((decimal)expected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("..")]
    [InlineData("…")]
    [InlineData("-")]
    [InlineData("x")]
    [InlineData("NA")]
    [InlineData("n/a")]
    [InlineData("~")]
    [InlineData(null)]
    public void Marks_for_no_figure_are_missing_not_zero(string? text) => TableNumbers.Parse(text, '.').Kind.ShouldBe(TableNumberKind.Missing);

    [Theory]
    [InlineData("12,5", '.', TableNumberProblem.Grouping)]
    [InlineData("1.234.567,25", '.', TableNumberProblem.DecimalSeparators)]
    [InlineData("1,234.5", ',', TableNumberProblem.GroupingAfterDecimal)]
    [InlineData("12 %", '.', TableNumberProblem.NotANumber)]
    [InlineData("abc", '.', TableNumberProblem.NotANumber)]
    [InlineData("1.", '.', TableNumberProblem.NotANumber)]
    [InlineData("1,23,456", '.', TableNumberProblem.Grouping)]
    public void Anything_else_is_refused_with_the_reason(string text, char separator, TableNumberProblem problem)
    {
        var number = TableNumbers.Parse(text, separator);
        number.Kind.ShouldBe(TableNumberKind.Invalid);
        number.Problem.ShouldBe(problem);
    }
}
