using Caravan.Core.Data;

namespace Caravan.Core.Tests.Data;

public class ReferenceCodeTests
{
    [Theory]
    [InlineData("LIC", 100, "LIC-0001008")]
    [InlineData("VAC", 1000, "VAC-0010009")]
    public void Create_appends_a_Luhn_check_digit(string prefix, long number, string expected) =>
        ReferenceCode.Create(prefix, number).ShouldBe(expected);

    [Fact]
    public void Every_created_code_is_valid()
    {
        for (var n = 0; n < 2000; n += 7)
        {
            ReferenceCode.IsValid(ReferenceCode.Create("VAC", n), "VAC").ShouldBeTrue();
        }
    }

    [Theory]
    [InlineData("VAC-0010008")]   // wrong check digit
    [InlineData("VAC-0100009")]   // transposed digits
    [InlineData("LIC-0010009")]   // wrong prefix
    [InlineData("VAC-00100x9")]
    [InlineData("VAC-")]
    [InlineData(null)]
    public void Mistyped_codes_are_rejected(string? code) => ReferenceCode.IsValid(code, "VAC").ShouldBeFalse();
}
