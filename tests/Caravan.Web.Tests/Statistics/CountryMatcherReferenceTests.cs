using Caravan.Core.Data;
using Caravan.Core.Reference;
using Caravan.Core.Statistics.Datasets;
using Caravan.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Caravan.Web.Tests.Statistics;

/// <summary>The country matcher over the node's real reference data, on both databases.</summary>
public class CountryMatcherReferenceTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static readonly string[] Languages = ["en", "ru", "uz", "uz-Cyrl", "kk", "ky", "tg"];

    // Every country name of the UN DESA International Migrant Stock 2019 rows for Central Asia, as UN DESA writes them.
    public static TheoryData<string, string> UnDesaNames() => new()
    {
        { "Afghanistan", "AF" }, { "Algeria", "DZ" }, { "Armenia", "AM" }, { "Austria", "AT" }, { "Azerbaijan", "AZ" },
        { "Belarus", "BY" }, { "Brunei Darussalam", "BN" }, { "Canada", "CA" }, { "China", "CN" }, { "Czechia", "CZ" },
        { "Dem. People's Republic of Korea", "KP" }, { "Denmark", "DK" }, { "Estonia", "EE" }, { "Finland", "FI" },
        { "Georgia", "GE" }, { "Germany", "DE" }, { "India", "IN" }, { "Iran (Islamic Republic of)", "IR" }, { "Iraq", "IQ" },
        { "Israel", "IL" }, { "Kazakhstan", "KZ" }, { "Kyrgyzstan", "KG" }, { "Latvia", "LV" }, { "Lithuania", "LT" },
        { "Netherlands", "NL" }, { "New Zealand", "NZ" }, { "Niger", "NE" }, { "Oman", "OM" }, { "Pakistan", "PK" },
        { "Poland", "PL" }, { "Republic of Korea", "KR" }, { "Republic of Moldova", "MD" }, { "Romania", "RO" },
        { "Russian Federation", "RU" }, { "Switzerland", "CH" }, { "Tajikistan", "TJ" }, { "Turkey", "TR" },
        { "Turkmenistan", "TM" }, { "Ukraine", "UA" }, { "United Kingdom", "GB" }, { "United States Virgin Islands", "VI" },
        { "United States of America", "US" }, { "Uzbekistan", "UZ" }, { "Viet Nam", "VN" }, { "Zambia", "ZM" },
    };

    [Theory]
    [MemberData(nameof(UnDesaNames))]
    public async Task Every_un_desa_name_matches_its_iso_code(string name, string code)
    {
        foreach (var db in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            var matcher = await fixture.Get(db).WithScopeAsync(sp => CountryMatcher.CreateAsync(sp.GetRequiredService<Catalogue>(), Languages));
            matcher.Match(name).ShouldBe(code, db.ToString());
        }
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Names_in_each_interface_language_match(DatabaseProvider db)
    {
        var matcher = await fixture.Get(db).WithScopeAsync(sp => CountryMatcher.CreateAsync(sp.GetRequiredService<Catalogue>(), Languages));
        matcher.Match("Россия").ShouldBe("RU");
        matcher.Match("Қазақстан").ShouldBe("KZ");
        matcher.Match("Oʻzbekiston").ShouldBe("UZ");
        matcher.Match("Ўзбекистон").ShouldBe("UZ");
        matcher.Match("Тоҷикистон").ShouldBe("TJ");
        matcher.Match("Кыргызстан").ShouldBe("KG");
        matcher.Match("Türkiye").ShouldBe("TR");
        matcher.Match("KAZ").ShouldBe("KZ");
        matcher.Match("Atlantis").ShouldBeNull();
    }
}
