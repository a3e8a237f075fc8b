using Caravan.Core.Reference;

namespace Caravan.Core.Tests.Reference;

public class CountryNamesTests
{
    [Theory]
    [InlineData("en", "Uzbekistan")]
    [InlineData("ru", "Узбекистан")]
    [InlineData("uz", "Oʻzbekiston")]
    [InlineData("uz-Cyrl", "Ўзбекистон")]
    [InlineData("kk", "Өзбекстан")]
    [InlineData("ky", "Өзбекстан")]
    [InlineData("tg", "Ӯзбекистон")]
    public void Every_UI_language_names_the_countries_in_that_language(string language, string uzbekistan)
    {
        var names = ReferenceDataSeeder.LoadCountryNames(language);
        names["UZ"].ShouldBe(uzbekistan);
        names.Count.ShouldBeGreaterThan(240);
    }
}
