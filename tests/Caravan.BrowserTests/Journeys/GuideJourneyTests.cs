using System.Text.RegularExpressions;
using Caravan.Core.Data;

namespace Caravan.BrowserTests.Journeys;

/// <summary>Issue 16's information hub: a young person reads a guide from the youth entry; an officer writes one.</summary>
[Collection(nameof(BrowserJourneys))]
public class GuideJourneyTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_young_person_reads_the_russia_guide_from_the_youth_entry_and_goes_to_register_in_tajik(bool javaScript)
    {
        var page = await fixture.NewPageAsync(acceptLanguage: "tg-TJ", javaScript: javaScript);
        await page.GotoAsync("/");
        (await page.GetAttributeAsync("html", "lang")).ShouldBe("tg");
        await page.ClickAsync("#youth-entry a[href='/youth']");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/youth$"));
        // axe-core is JavaScript: the scripted run checks the pages, the other proves they work without scripts.
        if (javaScript)
        {
            await page.InspectAsync("youth-tg");
        }

        await page.ClickAsync("main a[href='/guides/russia']");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/guides/russia$"));
        (await page.GetAttributeAsync("article", "lang")).ShouldBe("tg");
        (await page.InnerTextAsync("article h1")).ShouldContain("Русия");
        (await page.InnerTextAsync("article")).ShouldContain("27 093");
        (await page.Locator("#guide-checked").CountAsync()).ShouldBe(1);
        if (javaScript)
        {
            await page.InspectAsync("guide-russia-tg");
        }

        await page.ClickAsync("main a[href='/account/phone']");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/phone$"));
        await page.Locator("input[name=Phone]").WaitForAsync();
    }

    [Fact]
    public async Task A_visitor_searches_the_guides_in_uzbek()
    {
        var page = await fixture.NewPageAsync(acceptLanguage: "uz-UZ", javaScript: false);
        await page.GotoAsync("/guides");
        await page.SelectOptionAsync("#destination", "KZ");
        await page.ClickAsync("form[role=search] button[type=submit]");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("destination=KZ"));
        // The destination guide first, then the story set in Kazakhstan; nothing about Russia.
        var links = await page.Locator("#guides li h2 a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        links.ShouldBe(["/guides/kazakhstan", "/guides/dilshod-checked-first"]);

        // axe-core is JavaScript, so it checks the same page in a scripting browser.
        var scripted = await fixture.NewPageAsync(acceptLanguage: "uz-UZ");
        await scripted.GotoAsync(page.Url);
        await scripted.InspectAsync("guides-kz-uz");
    }

    [Fact]
    public async Task An_officer_previews_a_guide_sends_it_for_review_and_cannot_publish_it_alone()
    {
        var page = await fixture.NewPageAsync(width: 1024);
        await page.GotoAsync("/account/sign-in?culture=ru");
        await page.FillAsync("#Email", DemoAccounts.OfficerEmail);
        await page.FillAsync("#Password", new DemoOptions().StaffPassword);
        await page.ClickAsync("form button[type=submit]");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/dashboard"));

        await page.GotoAsync("/guides/manage/edit");
        var slug = "faq-" + Guid.NewGuid().ToString("N")[..8];
        await page.FillAsync("#slug", slug);
        await page.SelectOptionAsync("#language", "ru");
        await page.SelectOptionAsync("#kind", "Faq");
        await page.FillAsync("#title", "Частые вопросы о работе в Казахстане");
        await page.FillAsync("#summary", "Короткие ответы на вопросы мигрантов.");
        await page.FillAsync("#body", "## Нужна ли регистрация?\n\nДа, **через принимающую сторону**.\n\n<script>alert(1)</script>");
        await page.ClickAsync("button[formaction*='handler=Preview']");
        (await page.Locator("#guide-preview div[lang] strong").InnerTextAsync()).ShouldBe("через принимающую сторону");
        (await page.Locator("#guide-removed").CountAsync()).ShouldBe(1);
        await page.InspectAsync("guide-edit-preview-ru");

        await page.ClickAsync("button[formaction*='handler=Submit']");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("saved=True", RegexOptions.IgnoreCase));
        await page.InspectAsync("guide-edit-saved-ru");
        await page.GotoAsync("/guides/manage");
        await page.ClickAsync($"tr:has(code:text-is('{slug}')) a[href*='/review/']");
        await page.InspectAsync("guide-review-ru");
        await page.ClickAsync("button[formaction*='handler=Publish']");
        (await page.InnerTextAsync(".govuk-error-summary")).ShouldNotBeNullOrWhiteSpace();
        (await page.GotoAsync("/guides/" + slug))!.Status.ShouldBe(404);
    }
}
