using System.Text.RegularExpressions;
using Caravan.Core.Data;

namespace Caravan.BrowserTests.Journeys;

/// <summary>Staff pages that no journey passes through (issues 3 to 5), checked with axe-core in several languages.</summary>
[Collection(nameof(BrowserJourneys))]
public class OfficerPagesTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData(DemoAccounts.OfficerEmail, "ru", new[] { "/officer/employers", "/officer/licensing/agencies/LIC-0001008/inspections/new", "/officer/vacancies", "/guides/manage", "/guides/manage/edit", "/training/manage", "/training/manage/sessions", "/training/manage/centres", "/credentials/revoke" })]
    [InlineData(DemoAccounts.AdminEmail, "kk", new[] { "/admin/rates", "/admin/violations", "/admin/case-teams", "/admin/signing-keys", "/admin/training-rules", "/admin/partners", "/admin/partners/edit" })]
    [InlineData(DemoAccounts.OfficerEmail, "uz", new[] { "/officer/persons/imports", "/cases/proposals", "/cases/dashboard", "/cases" })]
    [InlineData(DemoAccounts.HotlineEmail, "tg", new[] { "/cases", "/cases/new", "/officer/persons", "/officer/persons/new" })]
    [InlineData(DemoAccounts.AgencyEmail, "uz-Cyrl", new[] { "/dashboard/agency/placements" })]
    [InlineData(DemoAccounts.TrainerEmail, "tg", new[] { "/training/trainer" })]
    public async Task Officer_and_admin_pages_pass_axe(string email, string culture, string[] paths)
    {
        var page = await fixture.NewPageAsync(width: 1024);
        await page.GotoAsync("/account/sign-in?culture=" + culture);
        await page.FillAsync("#Email", email);
        await page.FillAsync("#Password", new DemoOptions().StaffPassword);
        await page.ClickAsync("form button[type=submit]");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/dashboard|/cases|/training/trainer"));
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
