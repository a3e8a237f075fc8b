using System.Text.RegularExpressions;
using Caravan.Core.Data;

namespace Caravan.BrowserTests.Journeys;

[Collection(nameof(BrowserJourneys))]
public class SignInJourneyTests(BrowserFixture fixture)
{
    public static readonly TheoryData<string, string, string> Staff = new()
    {
        { DemoAccounts.AdminEmail, "/dashboard/admin", "en" },
        { DemoAccounts.OfficerEmail, "/dashboard/officer", "ru" },
        { DemoAccounts.ConsularEmail, "/dashboard/consular", "uz" },
        { DemoAccounts.AnalystEmail, "/dashboard/analyst", "kk" },
        { DemoAccounts.AgencyEmail, "/dashboard/agency", "tg" },
    };

    [Theory]
    [MemberData(nameof(Staff))]
    public async Task Each_staff_role_signs_in_and_lands_on_its_dashboard(string email, string dashboard, string culture)
    {
        var page = await fixture.NewPageAsync(width: 1024);
        await page.GotoAsync($"/account/sign-in?culture={culture}");
        await page.InspectAsync($"sign-in-{culture}");
        await page.FillAsync("#Email", email);
        await page.FillAsync("#Password", new DemoOptions().StaffPassword);
        await page.ClickAsync("form button[type=submit]");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(dashboard) + "$"));
        (await page.GetAttributeAsync("html", "lang")).ShouldBe(culture);
        await page.InspectAsync("dashboard-" + dashboard.Split('/')[^1]);
    }

    [Fact]
    public async Task A_migrant_signs_in_with_a_phone_code_read_from_the_dev_page()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/account/phone?culture=ky");
        await page.InspectAsync("phone-ky");
        await page.FillAsync("#Phone", "+998 90 123 45 67");
        await page.ClickAsync("form button[type=submit]");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/code$"));
        await page.InspectAsync("code-ky");

        var dev = await page.Context.NewPageAsync();
        await dev.GotoAsync("/dev/codes");
        var text = await dev.Locator("td[data-phone='+998901234567'] + td").First.InnerTextAsync();
        var code = Regex.Match(text, @"\d{6}").Value;
        await dev.InspectAsync("dev-codes");

        await page.FillAsync("#Code", code);
        await page.ClickAsync("form button[type=submit]");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/dashboard/migrant$"));
        await page.InspectAsync("dashboard-migrant-ky");
    }

    [Fact]
    public async Task Agency_staff_are_refused_the_admin_pages()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/account/sign-in?culture=en");
        await page.FillAsync("#Email", DemoAccounts.AgencyEmail);
        await page.FillAsync("#Password", new DemoOptions().StaffPassword);
        await page.ClickAsync("form button[type=submit]");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/dashboard/agency$"));
        var response = await page.GotoAsync("/admin/audit");
        response!.Status.ShouldBe(403);
        (await page.InnerTextAsync("h1")).ShouldBe("You do not have access to this page");
        await page.InspectAsync("denied-en");
    }

    [Fact]
    public async Task An_empty_form_and_a_wrong_password_each_show_an_error_summary()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/account/sign-in?culture=en");
        await page.ClickAsync("form button[type=submit]");
        (await page.InnerTextAsync(".govuk-error-summary")).ShouldContain("Enter your email address");
        await page.InspectAsync("sign-in-errors-en");

        // One wrong password for a real account: the one message that does not say which part was wrong.
        await page.FillAsync("#Email", DemoAccounts.AnalystEmail);
        await page.FillAsync("#Password", "Not-the-password-2026");
        await page.ClickAsync("form button[type=submit]");
        (await page.InnerTextAsync(".govuk-error-summary")).ShouldContain("The email address or password is not right.");
        page.Url.ShouldContain("/account/sign-in");
        await page.InspectAsync("sign-in-wrong-password-en");
    }

    [Fact]
    public async Task Admin_reads_the_audit_trail_and_issues_an_api_key()
    {
        var page = await fixture.NewPageAsync(width: 1280);
        await page.GotoAsync("/account/sign-in?culture=en");
        await page.FillAsync("#Email", DemoAccounts.AdminEmail);
        await page.FillAsync("#Password", new DemoOptions().StaffPassword);
        await page.ClickAsync("form button[type=submit]");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/dashboard/admin$"));
        await page.GotoAsync("/admin/audit?entity=Vacancy");
        (await page.InnerTextAsync("[role=status]")).ShouldContain("entries");
        await page.InspectAsync("audit-en");

        await page.GotoAsync("/admin/api-keys");
        await page.FillAsync("#Name", "Browser test key");
        await page.SelectOptionAsync("#Scope", new SelectOptionValue { Index = 1 });
        await page.ClickAsync("form[action*=Create] button[type=submit]");
        (await page.InnerTextAsync("#new-secret")).ShouldStartWith("cvn_");
        await page.InspectAsync("api-keys-en");

        await page.ClickAsync("header a[href='/account/manage/two-factor']");
        (await page.Locator("img[alt]").First.GetAttributeAsync("src"))!.ShouldStartWith("data:image/png;base64,");
        await page.InspectAsync("two-factor-en");
    }
}
