using System.Text.RegularExpressions;

namespace Caravan.BrowserTests.Journeys;

/// <summary>A reader finds an indicator in the public catalogue and reads how it is made, in Kyrgyz and in Uzbek; axe on every page.</summary>
[Collection(nameof(BrowserJourneys))]
public class StatisticsJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_reader_finds_the_recruitment_cost_indicator_and_its_method_in_kyrgyz_and_uzbek()
    {
        var page = await fixture.NewPageAsync(acceptLanguage: "ky-KG");
        await page.GotoAsync("/");
        await page.ClickAsync("a[href='/statistics']");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/statistics$"));
        await page.ClickAsync("a[href='/statistics/indicators']");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/statistics/indicators$"));
        (await page.GetAttributeAsync("html", "lang")).ShouldBe("ky");
        var catalogue = await page.InnerTextAsync("main");
        catalogue.ShouldNotContain("Indicator.");
        (await page.Locator("main table tbody tr").CountAsync()).ShouldBe(Caravan.Core.Statistics.Indicators.All.Count);
        await page.InspectAsync("statistics-indicators-ky");

        await page.ClickAsync("a[href='/statistics/indicators/recruitment_cost']");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/statistics/indicators/recruitment_cost$"));
        var kyrgyz = await page.InnerTextAsync("main");
        var kyrgyzHeading = await page.InnerTextAsync("h1");
        kyrgyz.ShouldContain("CARAVAN:DF_RECRUITMENT_COST(1.0)");
        kyrgyz.ShouldNotContain("Indicator.");
        kyrgyz.ShouldNotContain("Statistics.");
        await page.InspectAsync("statistics-recruitment-cost-ky");

        await page.ClickAsync("a[hreflang=uz]");
        (await page.GetAttributeAsync("html", "lang")).ShouldBe("uz");
        var uzbekHeading = await page.InnerTextAsync("h1");
        uzbekHeading.ShouldNotBeNullOrWhiteSpace();
        uzbekHeading.ShouldNotBe(kyrgyzHeading);
        (await page.InnerTextAsync("main")).ShouldContain("CARAVAN:DF_RECRUITMENT_COST(1.0)");
        await page.InspectAsync("statistics-recruitment-cost-uz");

        var missing = await page.GotoAsync("/statistics/indicators/no_such_indicator");
        missing!.Status.ShouldBe(404);
    }
}
