using System.Text.RegularExpressions;

namespace Caravan.BrowserTests.Journeys;

[Collection(nameof(BrowserJourneys))]
public class PublicJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_visitor_switches_language_and_the_text_changes()
    {
        var page = await fixture.NewPageAsync(acceptLanguage: "uz-UZ");
        await page.GotoAsync("/");
        (await page.GetAttributeAsync("html", "lang")).ShouldBe("uz");
        var uzbekHeading = await page.InnerTextAsync("h1");
        await page.InspectAsync("home-uz");

        await page.ClickAsync("a[hreflang=ru]");
        (await page.GetAttributeAsync("html", "lang")).ShouldBe("ru");
        var russianHeading = await page.InnerTextAsync("h1");
        russianHeading.ShouldNotBe(uzbekHeading);
        russianHeading.ShouldContain("за рубежом");
        await page.InspectAsync("home-ru");

        // The cookie remembers the choice on the next page.
        await page.GotoAsync("/vacancies");
        (await page.GetAttributeAsync("html", "lang")).ShouldBe("ru");

        await page.ClickAsync("a[hreflang=uz-Cyrl]");
        (await page.GetAttributeAsync("html", "lang")).ShouldBe("uz-Cyrl");
        await page.InspectAsync("vacancies-uz-cyrl");
    }

    [Fact]
    public async Task A_visitor_filters_vacancies_and_opens_one()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/vacancies?culture=en");
        await page.InspectAsync("vacancies-en");
        await page.SelectOptionAsync("#destination", "KR");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("destination=KR"));
        (await page.InnerTextAsync("[role=status]")).ShouldContain("5 vacancies");

        await page.ClickAsync("main li h2 a");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/vacancies/VAC-"));
        (await page.InnerTextAsync("main")).ShouldContain("South Korea");
        (await page.InnerTextAsync("main")).ShouldContain("KRW");
        await page.InspectAsync("vacancy-en");
    }

    [Fact]
    public async Task A_worker_checks_an_agency_from_the_home_page()
    {
        var page = await fixture.NewPageAsync(acceptLanguage: "ru-RU");
        await page.GotoAsync("/");
        await page.FillAsync("#check-q", "LIC-0001008");
        await page.ClickAsync("form[role=search] button[type=submit]");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/agencies/LIC-0001008$"));
        (await page.InnerTextAsync("h1")).ShouldBe("Silk Road Recruitment LLC");
        (await page.InnerTextAsync(".govuk-tag")).ShouldNotBeNullOrWhiteSpace();
        await page.InspectAsync("agency-ru");

        await page.GotoAsync("/agencies?status=Revoked&culture=tg");
        await page.ClickAsync("main li h2 a");
        (await page.Locator(".govuk-warning-text").CountAsync()).ShouldBe(1);
        await page.InspectAsync("agency-revoked-tg");

        await page.GotoAsync("/agencies?culture=ky");
        (await page.Locator("main li.caravan-card").CountAsync()).ShouldBe(6);
        await page.InspectAsync("agencies-ky");
    }

    [Fact]
    public async Task A_worker_checks_a_job_offer_and_sees_the_warning_signs()
    {
        var page = await fixture.NewPageAsync(acceptLanguage: "uz-UZ");
        await page.GotoAsync("/contract-check");
        await page.InspectAsync("contract-check-uz");
        await page.ClickAsync("form button[type=submit]");
        (await page.Locator(".govuk-error-summary").CountAsync()).ShouldBe(1);
        await page.InspectAsync("contract-check-errors-uz");

        await page.SelectOptionAsync("#destinationCountry", "RU");
        await page.FillAsync("#monthlyWage", "70000");
        await page.SelectOptionAsync("#wageCurrency", "RUB");
        await page.FillAsync("#feesToWorker", "30000");
        await page.FillAsync("#hoursPerWeek", "72");
        await page.CheckAsync("#passport-employer");
        await page.ClickAsync("form button[type=submit]");
        (await page.Locator("[data-flag]").CountAsync()).ShouldBe(3);
        await page.InspectAsync("contract-check-flags-uz");
    }

    [Fact]
    public async Task Paging_works_without_javascript()
    {
        var page = await fixture.NewPageAsync(javaScript: false, width: 1280);
        await page.GotoAsync("/vacancies?culture=en");
        await page.ClickAsync("a[rel=next]");

        // Polls the URL and the list rather than waiting for the load event, which a
        // loaded CI machine has been seen to report late for a page without scripts.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("page=2"));
        await Assertions.Expect(page.Locator("main li.caravan-card")).ToHaveCountAsync(10);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.Artifacts, "vacancies-page2-nojs.png"), FullPage = true });

        // axe-core is JavaScript, so it checks the same page in a scripting browser.
        var scripted = await fixture.NewPageAsync();
        await scripted.GotoAsync(page.Url);
        await scripted.InspectAsync("vacancies-page2");
    }

    [Fact]
    public async Task The_data_sources_page_credits_the_reference_data()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/about/data?culture=kk");
        (await page.InnerTextAsync("main")).ShouldContain("CLDR");
        await page.InspectAsync("about-data-kk");
    }

    [Fact]
    public async Task Unknown_pages_are_localised()
    {
        var page = await fixture.NewPageAsync();
        var response = await page.GotoAsync("/no-such-page?culture=kk");
        response!.Status.ShouldBe(404);
        (await page.GetAttributeAsync("html", "lang")).ShouldBe("kk");
        await page.InspectAsync("not-found-kk");
    }
}

[CollectionDefinition(nameof(BrowserJourneys))]
public sealed class BrowserJourneys : ICollectionFixture<BrowserFixture>;
