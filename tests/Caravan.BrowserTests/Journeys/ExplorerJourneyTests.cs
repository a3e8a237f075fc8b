using System.Text.RegularExpressions;
using Caravan.Core.Data;
using Caravan.Core.Statistics;
using Microsoft.Extensions.DependencyInjection;

namespace Caravan.BrowserTests.Journeys;

/// <summary>
/// The statistics explorer in Uzbek: a visitor picks departures by region and sees the small group hidden, downloads
/// the view, and opens the same permalink with JavaScript off; an analyst filters to Surxondaryo, Kazakhstan and
/// building trades together and sees the exact figure. axe on every page that runs scripts.
/// </summary>
[Collection(nameof(BrowserJourneys))]
public class ExplorerJourneyTests(BrowserFixture fixture)
{
    private async Task SeedAsync()
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CaravanDbContext>();
        // December 2011: long before the demo's own data, so these are the only departures of that month.
        Fact Departure(string region, string isco) => new()
        {
            Kind = FactKind.Departure,
            Date = new DateOnly(2011, 12, 5),
            Sex = "M",
            AgeBand = "30-34",
            RegionOfOrigin = region,
            Destination = "KZ",
            IscoGroup = isco,
            RecordedAt = DateTime.UtcNow.AddMinutes(-10),
        };
        db.AddRange(Enumerable.Range(0, 40).Select(i => Departure("UZ-SU", i < 30 ? "7" : "9")));
        db.AddRange(Enumerable.Range(0, 25).Select(_ => Departure("UZ-TK", "7")));
        db.AddRange(Enumerable.Range(0, 20).Select(_ => Departure("UZ-FA", "7")));
        db.AddRange(Enumerable.Range(0, 3).Select(_ => Departure("UZ-NG", "7")));
        await db.SaveChangesAsync();
        // A rebuild rather than a fold: the demo may already have folded past these facts' recording time.
        await scope.ServiceProvider.GetRequiredService<StatisticsFolder>().RebuildAsync();
    }

    /// <summary>The text of a period's row in the "over time" table.</summary>
    private static async Task<string> Series(IPage page, string period) =>
        (await page.Locator("#series-caption >> xpath=ancestor::table >> tbody tr").Filter(new LocatorFilterOptions { HasText = period }).InnerTextAsync()).Trim();

    [Fact]
    public async Task A_visitor_and_an_analyst_explore_departures_to_kazakhstan_in_uzbek()
    {
        await SeedAsync();
        var page = await fixture.NewPageAsync(acceptLanguage: "uz-UZ", width: 1024);
        // The charts must run under the app's strict CSP: any violation, or any script error, fails the journey.
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync("/");
        await page.ClickAsync("a[href='/statistics']");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/statistics$"));
        await page.InspectAsync("statistics-explorer-uz");

        await page.SelectOptionAsync("#indicator", "departures");
        await page.SelectOptionAsync("#breakdown", "region");
        await page.FillAsync("#startPeriod", "2011-12");
        await page.FillAsync("#endPeriod", "2011-12");
        await page.ClickAsync("main form button[type=submit]");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("indicator=departures"));
        var permalink = page.Url;
        permalink.ShouldContain("breakdown=region");
        var main = await page.InnerTextAsync("main");
        main.ShouldNotContain("Statistics.");
        (await Series(page, "2011-12")).ShouldEndWith("88");
        var rows = page.Locator("#breakdown-caption >> xpath=ancestor::table >> tbody tr");
        // The 3 is hidden, and so are the next smallest, until each hidden one could be 10 more or less.
        (await rows.CountAsync()).ShouldBe(4);
        var small = await rows.Filter(new LocatorFilterOptions { HasText = "Namangan" }).InnerTextAsync();
        small.ShouldNotContain("3");
        (await rows.Filter(new LocatorFilterOptions { HasText = "Surxondaryo" }).InnerTextAsync()).ShouldContain("40");
        // A line over time and a bar of the breakdown, drawn from the tables, which stay for screen readers.
        await page.Locator(".caravan-chart canvas").Nth(1).WaitForAsync();
        (await page.Locator(".caravan-chart[aria-hidden=true]").CountAsync()).ShouldBe(2);
        await page.InspectAsync("statistics-explorer-departures-uz");


        var csv = await page.APIRequest.GetAsync(await page.GetAttributeAsync("a[href*='format=csv']", "href") ?? string.Empty);
        csv.Ok.ShouldBeTrue();
        (await csv.TextAsync()).ShouldContain("2011-12,UZ-SU,");
        var xlsx = await page.APIRequest.GetAsync(await page.GetAttributeAsync("a[href*='format=xlsx']", "href") ?? string.Empty);
        (await xlsx.BodyAsync())[..2].ShouldBe("PK"u8.ToArray());

        // By destination, the countries go on a world map too.
        await page.GotoAsync(permalink.Replace("breakdown=region", "breakdown=destination", StringComparison.Ordinal));
        await page.Locator(".caravan-chart canvas").Nth(2).WaitForAsync();
        (await page.Locator("#breakdown-caption >> xpath=ancestor::table >> tbody tr[data-numeric='398']").CountAsync()).ShouldBe(1);
        await page.InspectAsync("statistics-explorer-map-uz");
        errors.ShouldBeEmpty();

        var noScript = await fixture.NewPageAsync(acceptLanguage: "uz-UZ", javaScript: false);
        await noScript.GotoAsync(permalink);
        (await noScript.Locator("#breakdown-caption >> xpath=ancestor::table >> tbody tr").CountAsync()).ShouldBe(4);
        (await noScript.InnerTextAsync("main")).ShouldContain("Surxondaryo");

        // Three characteristics at once are for exact figures only: the analyst's question.
        var analyst = await SignIn.StaffAsync(fixture, DemoAccounts.AnalystEmail, "uz");
        await analyst.GotoAsync(permalink.Replace("breakdown=region", string.Empty, StringComparison.Ordinal));
        await analyst.ClickAsync("details.govuk-details summary");
        await analyst.SelectOptionAsync("#filter-region", "UZ-SU");
        await analyst.SelectOptionAsync("#filter-destination", "KZ");
        await analyst.SelectOptionAsync("#filter-occupation", "7");
        await analyst.ClickAsync("main form button[type=submit]");
        await Assertions.Expect(analyst).ToHaveURLAsync(new Regex("occupation=7"));
        (await Series(analyst, "2011-12")).ShouldEndWith("30");
        (await analyst.InnerTextAsync("main")).ShouldNotContain("Statistics.");
        await analyst.InspectAsync("statistics-explorer-analyst-uz");
    }
}
