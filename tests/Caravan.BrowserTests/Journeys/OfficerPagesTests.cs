using System.Text.RegularExpressions;
using Caravan.Core.Data;

namespace Caravan.BrowserTests.Journeys;

/// <summary>The officer's and administrator's issue 3 pages that the agency journey does not pass through, checked with axe-core.</summary>
[Collection(nameof(BrowserJourneys))]
public class OfficerPagesTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData(DemoAccounts.OfficerEmail, "ru", new[] { "/officer/employers", "/officer/licensing/agencies/LIC-0001008/inspections/new", "/officer/vacancies" })]
    [InlineData(DemoAccounts.AdminEmail, "kk", new[] { "/admin/rates", "/admin/violations" })]
    public async Task Officer_and_admin_pages_pass_axe(string email, string culture, string[] paths)
    {
        var page = await fixture.NewPageAsync(width: 1024);
        await page.GotoAsync("/account/sign-in?culture=" + culture);
        await page.FillAsync("#Email", email);
        await page.FillAsync("#Password", new DemoOptions().StaffPassword);
        await page.ClickAsync("form button[type=submit]");
        await page.WaitForURLAsync(new Regex("/dashboard"));
        foreach (var path in paths)
        {
            var response = await page.GotoAsync(path);
            response!.Status.ShouldBe(200);
            (await page.GetAttributeAsync("html", "lang")).ShouldBe(culture);
            await page.InspectAsync(culture + path.Replace('/', '-'));
        }
    }

    [Fact]
    public async Task The_scorecard_method_page_passes_axe()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/agencies/scorecards?culture=tg");
        await page.InspectAsync("scorecard-method-tg");
        await page.GotoAsync("/agencies/LIC-0001008?culture=uz-Cyrl");
        await page.InspectAsync("agency-scorecard-uz-Cyrl");
    }
}
