using Caravan.Core.Statistics.Datasets;

namespace Caravan.Core.Tests.Statistics.Datasets;

public class CountryMatcherTests
{
    private static readonly CountryMatcher Matcher = new([("TR", "Türkiye"), ("UZ", "Oʻzbekiston"), ("BA", "Bosnia & Herzegovina"), ("GM", "Gambia"), ("CG", "Congo"), ("CD", "Congo")]);

    [Theory]
    [InlineData("TÜRKIYE*", "turkiye")]
    [InlineData("  Türkiye ", "turkiye")]
    [InlineData("O'zbekiston", "ozbekiston")]
    [InlineData("O‘zbekiston", "ozbekiston")]
    [InlineData("Bosnia & Herzegovina", "bosnia and herzegovina")]
    [InlineData("The Gambia", "gambia")]
    [InlineData("Korea, Rep.", "korea rep")]
    public void Case_accents_apostrophes_and_marks_do_not_count(string name, string normal) => CountryMatcher.Normalise(name).ShouldBe(normal);

    [Theory]
    [InlineData("Turkey", "TR")]
    [InlineData("turkiye", "TR")]
    [InlineData("O'ZBEKISTON", "UZ")]
    [InlineData("Bosnia and Herzegovina", "BA")]
    [InlineData("The Gambia", "GM")]
    [InlineData("Russian Federation", "RU")]
    [InlineData("Kyrgyz Republic", "KG")]
    public void Names_and_international_variants_match(string name, string code) => Matcher.Match(name).ShouldBe(code);

    [Fact]
    public void A_name_two_countries_share_is_never_guessed()
    {
        Matcher.Match("Congo").ShouldBeNull();
        Matcher.IsAmbiguous("CONGO").ShouldBeTrue();
        Matcher.Match("Atlantis").ShouldBeNull();
        Matcher.IsAmbiguous("Atlantis").ShouldBeFalse();
    }
}
