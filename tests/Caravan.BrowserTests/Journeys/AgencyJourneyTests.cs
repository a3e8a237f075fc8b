using System.Globalization;
using System.Text.RegularExpressions;
using Caravan.Core.Data;

namespace Caravan.BrowserTests.Journeys;

/// <summary>
/// Issue 3's whole story in a browser: an agency applies, an officer licenses it, a vacancy with a hidden fee is
/// stopped, fixed, approved and found in every language, then the officer suspends the agency and the vacancy goes.
/// </summary>
[Collection(nameof(BrowserJourneys))]
public class AgencyJourneyTests(BrowserFixture fixture)
{
    private static readonly string[] Cultures = ["en", "ru", "uz", "uz-Cyrl", "kk", "ky", "tg"];

    private static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/account/sign-in?culture=en");
        await page.FillAsync("#Email", email);
        await page.FillAsync("#Password", password);
        await page.ClickAsync("form button[type=submit]");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/dashboard"));
    }

    private static Task ContinueAsync(IPage page) => page.ClickAsync("main form button.govuk-button:not(.govuk-button--secondary)");

    [Fact]
    public async Task An_agency_is_licensed_its_fee_is_stopped_its_vacancy_published_then_hidden_on_suspension()
    {
        var unique = "Shipwelder" + Guid.NewGuid().ToString("N")[..6];
        var agencyName = "Navbahor Recruitment " + unique[^6..];
        var email = $"{unique.ToLowerInvariant()}@example.org";
        const string password = "Navbahor-2026-apply";

        // 1. The agency registers and applies.
        var agency = await fixture.NewPageAsync(width: 1024);
        await agency.GotoAsync("/agencies/apply?culture=en");
        await agency.InspectAsync("apply-start");
        await agency.ClickAsync("a.govuk-button--start");
        await agency.FillAsync("#DisplayName", "Malika Yusupova");
        await agency.FillAsync("#Email", email);
        await agency.FillAsync("#Password", password);
        await agency.FillAsync("#ConfirmPassword", password);
        await agency.InspectAsync("register");
        await agency.ClickAsync("main form button[type=submit]");
        await Assertions.Expect(agency).ToHaveURLAsync(new Regex("/agencies/apply$"));
        await agency.ClickAsync("button.govuk-button--start");
        await Assertions.Expect(agency).ToHaveURLAsync(new Regex("/organisation$"));
        await ContinueAsync(agency);
        (await agency.InnerTextAsync(".govuk-error-summary")).ShouldContain("Enter the agency's legal name");
        await agency.InspectAsync("apply-organisation-errors");
        await agency.FillAsync("#LegalName", agencyName);
        await agency.FillAsync("#RegistrationNumber", "307 555 010");
        await ContinueAsync(agency);
        await Assertions.Expect(agency).ToHaveURLAsync(new Regex("/contact$"));
        await agency.SelectOptionAsync("#RegionCode", "UZ-SA");
        await agency.FillAsync("#Address", "5 Registan Street, Samarkand");
        await agency.FillAsync("#Email", "office@navbahor.example");
        await agency.FillAsync("#Phone", "+998 66 233 44 55");
        await agency.InspectAsync("apply-contact");
        await ContinueAsync(agency);
        await Assertions.Expect(agency).ToHaveURLAsync(new Regex("/scope$"));
        await agency.CheckAsync("#destination-KR");
        await agency.CheckAsync("#sector-7");
        await agency.InspectAsync("apply-scope");
        await ContinueAsync(agency);
        await Assertions.Expect(agency).ToHaveURLAsync(new Regex("/guarantee$"));
        await agency.FillAsync("#Amount", "450 000 000");
        await agency.SelectOptionAsync("#Currency", "UZS");
        await ContinueAsync(agency);
        await Assertions.Expect(agency).ToHaveURLAsync(new Regex("/documents$"));
        await agency.SetInputFilesAsync("#document", new FilePayload { Name = "registration-certificate.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.7\n%%EOF\n"u8.ToArray() });
        await agency.ClickAsync("button.govuk-button--secondary");
        await agency.WaitForSelectorAsync("text=registration-certificate.pdf");
        await agency.InspectAsync("apply-documents");
        await ContinueAsync(agency);
        await Assertions.Expect(agency).ToHaveURLAsync(new Regex("/check$"));
        await agency.InspectAsync("apply-check");
        await ContinueAsync(agency);
        await Assertions.Expect(agency).ToHaveURLAsync(new Regex("/agencies/apply$"));
        (await agency.InnerTextAsync(".govuk-panel")).ShouldContain("APP-");
        await agency.InspectAsync("apply-sent");

        // 2. The officer licenses it.
        var officer = await fixture.NewPageAsync(width: 1024);
        await SignInAsync(officer, DemoAccounts.OfficerEmail, new DemoOptions().StaffPassword);
        await officer.GotoAsync("/officer/licensing?culture=en");
        await officer.InspectAsync("officer-licensing");
        await officer.ClickAsync($"tr:has-text('{agencyName}') a");
        await officer.InspectAsync("officer-application");
        await officer.CheckAsync("#decision-Approve");
        await officer.FillAsync("#Reason", "Registration, guarantee and office checked on site.");
        await officer.ClickAsync("main form button[type=submit]");
        await officer.WaitForSelectorAsync("text=Licence issued:");
        var licence = await officer.InnerTextAsync("main a[href^='/officer/licensing/agencies/']");
        licence.ShouldStartWith("LIC-");

        // 3. The agency registers its employer and submits a vacancy with a fee: it is stopped with the reason.
        await agency.GotoAsync("/agencies/apply?culture=en");
        (await agency.InnerTextAsync(".govuk-panel")).ShouldContain(licence);
        await agency.GotoAsync("/dashboard/agency/employers");
        await agency.FillAsync("#Name", "Ulsan Heavy Shipbuilding Partner");
        await agency.SelectOptionAsync("#CountryCode", "KR");
        await agency.FillAsync("#RegistrationId", "KR-610-81-" + unique[^5..]);
        await agency.ClickAsync("main form button[type=submit]");
        await agency.WaitForSelectorAsync(".govuk-notification-banner--success");
        await agency.InspectAsync("agency-employers");
        await agency.GotoAsync("/dashboard/agency/vacancies/new");
        await agency.SelectOptionAsync("#employer", new SelectOptionValue { Index = 1 });
        await agency.FillAsync("#iscoCode", "7212");
        await agency.SelectOptionAsync("#textLanguage", "en");
        await agency.FillAsync("#title", unique + " welder");
        await agency.FillAsync("#description", "Welding of ship hull sections in Ulsan. Written contract; wages paid monthly to a bank account.");
        await agency.SelectOptionAsync("#destinationCountry", "KR");
        await agency.FillAsync("#city", "Ulsan");
        await agency.FillAsync("#positions", "20");
        await agency.FillAsync("#monthlyWage", "2 600 000");
        await agency.SelectOptionAsync("#wageCurrency", "KRW");
        await agency.FillAsync("#hoursPerWeek", "48");
        await agency.FillAsync("#contractMonths", "34");
        await agency.FillAsync("#applicationDeadline", DateOnly.FromDateTime(DateTime.UtcNow).AddDays(40).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await agency.FillAsync("[id='costs[0]-item']", "Visa processing");
        await agency.FillAsync("[id='costs[0]-amount']", "350");
        await agency.SelectOptionAsync("[id='costs[0]-currency']", "USD");
        await agency.ClickAsync("main form button.govuk-button");
        (await agency.InnerTextAsync(".govuk-error-summary")).ShouldContain("Workers must not pay any fee");
        await agency.InspectAsync("vacancy-fee-stopped");

        // 4. It removes the fee; the vacancy waits for the officer, who approves it.
        await agency.FillAsync("[id='costs[0]-item']", "");
        await agency.FillAsync("[id='costs[0]-amount']", "");
        await agency.SelectOptionAsync("[id='costs[0]-currency']", "");
        await agency.ClickAsync("main form button.govuk-button");
        await Assertions.Expect(agency).ToHaveURLAsync(new Regex("/dashboard/agency/vacancies/VAC-"));
        var reference = agency.Url.Split('/')[^1];
        await agency.InspectAsync("vacancy-pending");

        await officer.GotoAsync($"/officer/vacancies/{reference}?culture=ru");
        await officer.InspectAsync("officer-vacancy-review-ru");
        await officer.CheckAsync("#decision-Approve");
        await officer.ClickAsync("main form button[type=submit]");
        await Assertions.Expect(officer).ToHaveURLAsync(new Regex("/officer/vacancies$"));

        // 5. The public finds it in every language.
        var visitor = await fixture.NewPageAsync();
        foreach (var culture in Cultures)
        {
            await visitor.GotoAsync($"/vacancies?culture={culture}&q={unique}");
            (await visitor.GetAttributeAsync("html", "lang")).ShouldBe(culture);
            (await visitor.ContentAsync()).ShouldContain(reference);
            await visitor.InspectAsync($"search-{culture}");
        }

        // 6. The officer suspends the agency: the vacancy leaves search and the agency's page says why.
        await officer.GotoAsync($"/officer/licensing/agencies/{licence}?culture=en");
        await officer.CheckAsync("#action-Suspend");
        await officer.FillAsync("#SuspendUntil", DateOnly.FromDateTime(DateTime.UtcNow).AddDays(60).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await officer.FillAsync("#Reason", "Workers' complaints of unpaid overtime are under investigation.");
        await officer.InspectAsync("officer-suspend");
        await officer.ClickAsync("main form button[type=submit]");
        await officer.WaitForSelectorAsync(".govuk-notification-banner--success");
        await officer.InspectAsync("officer-suspended");

        await visitor.GotoAsync($"/vacancies?culture=en&q={unique}");
        (await visitor.ContentAsync()).ShouldNotContain(reference);
        await visitor.GotoAsync($"/agencies/{licence}?culture=en");
        var agencyPage = await visitor.InnerTextAsync("main");
        agencyPage.ShouldContain("Workers' complaints of unpaid overtime are under investigation.");
        await visitor.InspectAsync("agency-suspended");
    }
}
