using System.Text.RegularExpressions;
using Caravan.Core.Data;
using Caravan.Core.Statistics;
using Caravan.Web.Tests.Pages.Statistics.Datasets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caravan.BrowserTests.Journeys;

/// <summary>
/// In Uzbek, an analyst imports a census-style XLSX of citizens abroad by region of origin, maps the one region name
/// nothing could place, and sees the census beside the registry with the coverage ratio; then explores the
/// recruitment cost by corridor and agency and downloads it. A public visitor sees the same comparison with the small
/// region hidden, also with JavaScript off. axe on every page.
/// </summary>
[Collection(nameof(BrowserJourneys))]
public class ImportJourneyTests(BrowserFixture fixture)
{
    /// <summary>June 2010: before the demo's data and the explorer journey's, so the census date sees only these.</summary>
    private async Task SeedAsync()
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CaravanDbContext>();
        Fact Departure(string region, string destination) => new()
        {
            Kind = FactKind.Departure,
            Date = new DateOnly(2010, 6, 15),
            Sex = "F",
            AgeBand = "25-29",
            RegionOfOrigin = region,
            Destination = destination,
            RecordedAt = DateTime.UtcNow.AddMinutes(-10),
        };
        db.AddRange(Enumerable.Range(0, 60).Select(_ => Departure("UZ-SU", "KZ")));
        db.AddRange(Enumerable.Range(0, 30).Select(_ => Departure("UZ-AN", "KZ")));
        db.AddRange(Enumerable.Range(0, 2).Select(_ => Departure("UZ-XO", "KZ")));
        db.AddRange(Enumerable.Range(0, 40).Select(_ => Departure("UZ-SU", "RU")));
        db.AddRange(Enumerable.Range(0, 40).Select(_ => Departure("UZ-AN", "RU")));
        db.AddRange(Enumerable.Range(0, 25).Select(_ => Departure("UZ-XO", "RU")));
        // Recruitment costs paid in 2010 through two licensed agencies: months of earnings, cost over the first wage.
        var agencies = await db.Set<Caravan.Core.Agencies.Agency>().Where(a => a.LicenceNumber != null).OrderBy(a => a.LicenceNumber).Select(a => a.Id).Take(2).ToListAsync();
        Fact Cost(Guid agency, string destination, decimal amount) => new()
        {
            Kind = FactKind.RecruitmentCost,
            Date = new DateOnly(2010, 5, 20),
            Sex = "M",
            Destination = destination,
            AgencyId = agency,
            Amount = amount,
            Earnings = 600,
            RecordedAt = DateTime.UtcNow.AddMinutes(-10),
        };
        db.AddRange(Enumerable.Range(0, 15).Select(i => Cost(agencies[0], "KZ", 300 + i)));
        db.AddRange(Enumerable.Range(0, 12).Select(i => Cost(agencies[0], "RU", 900 + i)));
        db.AddRange(Enumerable.Range(0, 2).Select(_ => Cost(agencies[1], "KZ", 1200)));
        await db.SaveChangesAsync();
        await scope.ServiceProvider.GetRequiredService<StatisticsFolder>().RebuildAsync();
    }

    [Fact]
    public async Task An_analyst_imports_a_census_table_in_uzbek_and_a_visitor_sees_it_protected()
    {
        await SeedAsync();
        var analyst = await SignIn.StaffAsync(fixture, DemoAccounts.AnalystEmail, "uz");
        await analyst.GotoAsync("/statistics?indicator=citizens_abroad");
        await analyst.ClickAsync("#datasets-link");
        await Assertions.Expect(analyst).ToHaveURLAsync(new Regex("/statistics/datasets$"));
        (await analyst.InnerTextAsync("#datasets")).ShouldContain("UN DESA");
        await analyst.InspectAsync("datasets-uz");

        await analyst.ClickAsync("a[href='/statistics/datasets/import']");
        await analyst.InspectAsync("import-upload-uz");
        await analyst.SetInputFilesAsync("#Table", new FilePayload
        {
            Name = "aholini-royxatga-olish-2010.xlsx",
            MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Buffer = Workbooks.Census("2010-yil aholini ro‘yxatga olish (sinov)"),
        });
        await analyst.ClickAsync("main form button[type=submit]");
        await Assertions.Expect(analyst).ToHaveURLAsync(new Regex("/map$"));
        (await analyst.InnerTextAsync("#file-preview")).ShouldContain("Surxondaryo viloyati");
        await analyst.InspectAsync("import-map-uz");
        await analyst.FillAsync("#HeaderRow", "5");
        await analyst.SelectOptionAsync("#column-0", "Region");
        foreach (var column in new[] { "#column-1", "#column-2", "#column-3" })
        {
            await analyst.SelectOptionAsync(column, "HeaderValue");
        }

        await analyst.SelectOptionAsync("#HeaderHolds", "Sex");
        await analyst.FillAsync("#Date", "2010-07-01");
        await analyst.SelectOptionAsync("#Origin", "UZ");
        await analyst.SelectOptionAsync("#Destination", "KZ");
        await analyst.ClickAsync("main form button[type=submit]");
        await Assertions.Expect(analyst).ToHaveURLAsync(new Regex("/check$"));
        await analyst.InspectAsync("import-names-uz");

        await analyst.SelectOptionAsync("select[data-unmatched='Sirdaryo v.']", "UZ-SI");
        await analyst.ClickAsync("form[action*='handler=Names'] button[type=submit]");
        await analyst.Locator("#commit").WaitForAsync();
        (await analyst.Locator("#import-preview tbody tr").CountAsync()).ShouldBeGreaterThan(10);
        await analyst.InspectAsync("import-check-uz");
        await analyst.FillAsync("#Title", "2010-yil ro‘yxati: chet eldagi fuqarolar");
        await analyst.FillAsync("#Source", "Statistika agentligi, 4.2-jadval");
        await analyst.FillAsync("#Licence", "CC BY 4.0");
        await analyst.ClickAsync("#commit button[type=submit]");
        await Assertions.Expect(analyst).ToHaveURLAsync(new Regex("/statistics/datasets/[a-z0-9-]+$"));
        (await analyst.InnerTextAsync("#figures")).ShouldContain("Surxondaryo");
        await analyst.InspectAsync("dataset-uz");

        // Beside the registry: Surxondaryo's 60 of the census's 1,000 is 6% coverage.
        await analyst.ClickAsync("a[href^='/statistics/compare?dataset=']");
        await analyst.SelectOptionAsync("#date", "2010-07-01");
        await analyst.ClickAsync("main form button[type=submit]");
        var surxondaryo = analyst.Locator("#comparison tr[data-code='UZ-SU']");
        (await surxondaryo.Locator("[data-coverage]").GetAttributeAsync("data-coverage")).ShouldBe("0.06");
        (await analyst.Locator("#comparison tr[data-code='UZ-XO'] [data-registry]").GetAttributeAsync("data-registry")).ShouldBe("2");
        (await analyst.InnerTextAsync("main")).ShouldNotContain("Statistics.");
        await analyst.InspectAsync("compare-analyst-uz");
        var comparison = analyst.Url.Replace("&published=true", string.Empty, StringComparison.Ordinal);

        // The recruitment cost by corridor and agency, downloaded as SDMX-CSV and XLSX.
        await analyst.GotoAsync("/statistics?indicator=recruitment_cost&breakdown=destination,agency&startPeriod=2010&endPeriod=2010");
        (await analyst.InnerTextAsync("main")).ShouldNotContain("Statistics.");
        await analyst.InspectAsync("recruitment-cost-analyst-uz");
        var sdmx = await analyst.APIRequest.GetAsync(await analyst.GetAttributeAsync("a[href*='format=sdmx-csv']", "href") ?? string.Empty);
        sdmx.Ok.ShouldBeTrue();
        (await sdmx.TextAsync()).ShouldContain("DF_RECRUITMENT_COST");
        var xlsx = await analyst.APIRequest.GetAsync(await analyst.GetAttributeAsync("a[href*='format=xlsx']", "href") ?? string.Empty);
        (await xlsx.BodyAsync())[..2].ShouldBe("PK"u8.ToArray());

        // The public sees the same comparison with Xorazm's 2 hidden and no ratio for it, with or without scripts.
        foreach (var javaScript in new[] { true, false })
        {
            var visitor = await fixture.NewPageAsync(acceptLanguage: "uz-UZ", javaScript: javaScript);
            await visitor.GotoAsync(comparison);
            var xorazm = visitor.Locator("#comparison tr[data-code='UZ-XO'] [data-registry]");
            (await xorazm.GetAttributeAsync("data-registry")).ShouldBeNullOrEmpty();
            (await visitor.Locator("#comparison tr[data-code='UZ-XO'] [data-coverage]").GetAttributeAsync("data-coverage")).ShouldBeNullOrEmpty();
            if (javaScript)
            {
                await visitor.InspectAsync("compare-public-uz");
                await visitor.GotoAsync("/statistics?indicator=recruitment_cost&breakdown=destination,agency&startPeriod=2010&endPeriod=2010");
                (await visitor.InnerTextAsync("main")).ShouldNotContain("Statistics.");
                await visitor.InspectAsync("recruitment-cost-public-uz");
            }
        }
    }
}
