using Caravan.Core.Migrants.Matching;

namespace Caravan.Core.Tests.Migrants.Matching;

public class JaroWinklerTests
{
    [Theory]
    [InlineData("MARTHA", "MARHTA", 0.961)]
    [InlineData("DWAYNE", "DUANE", 0.840)]
    [InlineData("DIXON", "DICKSONX", 0.813)]
    [InlineData("JELLYFISH", "SMELLYFISH", 0.896)]
    [InlineData("karimov", "karimov", 1.0)]
    [InlineData("", "", 1.0)]
    [InlineData("abc", "", 0.0)]
    [InlineData("", "abc", 0.0)]
    [InlineData("abc", "xyz", 0.0)]
    public void Known_values(string a, string b, double expected)
    {
        JaroWinkler.Similarity(a, b).ShouldBe(expected, 0.0005);
        JaroWinkler.Similarity(b, a).ShouldBe(expected, 0.0005);
    }
}
