using System.Globalization;
using System.Text.RegularExpressions;
using Caravan.Core.Applications;
using Caravan.Core.Data;
using Caravan.Core.Migrants;
using Caravan.Core.Vacancies;
using Caravan.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Caravan.BrowserTests.Journeys;

/// <summary>
/// Issue 15's "Done when", in Tajik: a registered migrant sees matched vacancies with reasons and applies, in a
/// browser without JavaScript; the agency, also without JavaScript, shortlists, selects and records the departure; the migrant sees each
/// status change. axe-core checks every page (in a scripting browser with the same session).
/// </summary>
[Collection(nameof(BrowserJourneys))]
public class ApplicationJourneyTests(BrowserFixture fixture)
{
    private const string Culture = "tg";

    private string T(string key, params object[] arguments)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(Culture);
        try
        {
            return fixture.App.Services.GetRequiredService<IStringLocalizer<SharedResource>>()[key, arguments].Value;
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    /// <summary>axe-core is JavaScript: it checks the page the script-less browser shows, opened with the same session.</summary>
    private async Task InspectScriptedAsync(IPage noScript, string name)
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            StorageState = await noScript.Context.StorageStateAsync(),
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            BaseURL = fixture.BaseUrl,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(noScript.Url);
        await page.InspectAsync(name);
        await context.CloseAsync();
    }

    [Fact]
    public async Task A_migrant_in_Tajik_applies_to_a_matched_vacancy_and_the_agency_selects_and_places_them()
    {
        var phone = "+992901170001"; // not const: a constant would reach the SQL, and the logs LeakTests reads, as a literal
        var migrant = await fixture.NewPageAsync(javaScript: false);
        await SignIn.ByPhoneAsync(migrant, Culture, phone);
        await RegisteredWelderAsync(phone);
        var welder = await fixture.App.WithDbAsync(db => db.Set<Vacancy>().SingleAsync(v => v.IscoCode == "7212" && v.DestinationCountry == "KR"));

        await migrant.GotoAsync("/me");
        await migrant.ClickAsync("a[href='/me/matches']");
        await Assertions.Expect(migrant).ToHaveURLAsync(new Regex("/me/matches$"));
        (await migrant.GetAttributeAsync("html", "lang")).ShouldBe(Culture);
        var first = migrant.Locator("main li.caravan-card").First;
        (await first.Locator("h2 a").GetAttributeAsync("href")).ShouldBe($"/vacancies/{welder.Reference}");
        var reasons = await first.Locator("ul li").AllInnerTextsAsync();
        reasons.ShouldContain(r => r.StartsWith(T("Match.Occupation", "").TrimEnd(), StringComparison.Ordinal));
        reasons.ShouldContain(T("Match.NoFees"));
        await InspectScriptedAsync(migrant, "matches-tg");

        await first.Locator("a.govuk-button").ClickAsync();
        await Assertions.Expect(migrant).ToHaveURLAsync(new Regex($"/me/apply/{welder.Reference}$"));
        await InspectScriptedAsync(migrant, "apply-tg");
        // Sending without agreeing is explained, in Tajik, and nothing is sent.
        await migrant.ClickAsync("main form button[type=submit]");
        await Assertions.Expect(migrant.Locator(".govuk-error-summary")).ToContainTextAsync(T("Application.AgreeRequired"));
        await InspectScriptedAsync(migrant, "apply-error-tg");
        await migrant.UncheckAsync("#field-BirthDate");
        await migrant.CheckAsync("#Agree");
        await migrant.ClickAsync("main form button[type=submit]");
        await Assertions.Expect(migrant).ToHaveURLAsync(new Regex("/me/applications$"));
        await Assertions.Expect(migrant.Locator("main")).ToContainTextAsync(T("Application.Status.Submitted"));
        await InspectScriptedAsync(migrant, "applications-sent-tg");

        // The agency (the demo's second agency offers the welder job) works in Tajik too, and without JavaScript.
        var agency = await SignIn.StaffAsync(fixture, DemoAccounts.OtherAgencyEmail, Culture, javaScript: false);
        await agency.GotoAsync("/dashboard/agency");
        await agency.ClickAsync("a[href='/dashboard/agency/applications']");
        await InspectScriptedAsync(agency, "agency-applications-tg");
        await agency.ClickAsync("main table a:has-text('Раҳимов')");
        await Assertions.Expect(agency).ToHaveURLAsync(new Regex("/dashboard/agency/applications/[0-9a-f-]{36}$"));
        (await agency.InnerTextAsync("main")).ShouldNotContain("1990");
        await InspectScriptedAsync(agency, "agency-application-tg");
        await agency.ClickAsync("main form[action*='Shortlist'] button");
        await Assertions.Expect(agency.Locator(".govuk-notification-banner")).ToContainTextAsync(T("Application.Status.Shortlisted"));

        await migrant.ReloadAsync();
        await Assertions.Expect(migrant.Locator("main")).ToContainTextAsync(T("Application.Status.Shortlisted"));

        await agency.ClickAsync("main form[action*='Select'] button");
        await Assertions.Expect(agency.Locator(".govuk-notification-banner")).ToContainTextAsync(T("Application.Status.Selected"));
        await InspectScriptedAsync(agency, "agency-application-selected-tg");
        (await agency.InputValueAsync("#Form-City")).ShouldBe("Ansan");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await agency.FillAsync("#Form-Date-day", today.Day.ToString(CultureInfo.InvariantCulture));
        await agency.FillAsync("#Form-Date-month", today.Month.ToString(CultureInfo.InvariantCulture));
        await agency.FillAsync("#Form-Date-year", today.Year.ToString(CultureInfo.InvariantCulture));
        await agency.ClickAsync("main form[action*='Place'] button[type=submit]");
        await Assertions.Expect(agency.Locator(".govuk-notification-banner")).ToContainTextAsync(T("Application.Status.Placed"));
        await InspectScriptedAsync(agency, "agency-application-placed-tg");

        await migrant.ReloadAsync();
        await Assertions.Expect(migrant.Locator("main")).ToContainTextAsync(T("Application.Status.Placed"));
        await InspectScriptedAsync(migrant, "applications-placed-tg");
        await migrant.GotoAsync("/me");
        await Assertions.Expect(migrant.Locator(".caravan-timeline")).ToContainTextAsync("Ansan");
        var application = await fixture.App.WithDbAsync(db => db.Set<JobApplication>().SingleAsync(a => db.Set<Person>().Any(p => p.Id == a.PersonId && p.Phone == phone)));
        application.Status.ShouldBe(JobApplicationStatus.Placed);
        application.Fields.HasFlag(SharedFields.BirthDate).ShouldBeFalse();
    }

    /// <summary>A migrant who registered earlier: a Tajik-speaking welder who wants to work in Korea.</summary>
    private Task<int> RegisteredWelderAsync(string phone) => fixture.App.WithDbAsync(async db =>
    {
        var user = await db.Users.SingleAsync(u => u.UserName == phone);
        var now = DateTime.UtcNow;
        db.Add(new Person
        {
            Reference = ReferenceCode.Create("PER", 917_001),
            Status = PersonStatus.Active,
            Channel = RegistrationChannel.Self,
            UserId = user.Id,
            Phone = phone,
            GivenName = "Фарҳод",
            FamilyName = "Раҳимов",
            GivenKey = "FARHOD",
            FamilyKey = "RAHIMOV",
            BirthDate = new DateOnly(1990, 4, 11),
            BirthYear = 1990,
            Sex = Sex.Male,
            Citizenship = "TJ",
            Occupations = ["7212"],
            Skills = ["TIG"],
            Languages = [new PersonLanguage { Code = "tg", Level = "Native" }, new PersonLanguage { Code = "ru", Level = "B1" }],
            PreferredDestinations = ["KR"],
            CreatedAt = now,
            RegisteredAt = now,
            UpdatedAt = now,
        });
        return await db.SaveChangesAsync();
    });
}
