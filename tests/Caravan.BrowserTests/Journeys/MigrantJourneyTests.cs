using System.Globalization;
using System.Text.RegularExpressions;
using Caravan.Core.Data;
using Caravan.Core.Migrants;
using Caravan.Core.Training;
using Microsoft.EntityFrameworkCore;

namespace Caravan.BrowserTests.Journeys;

/// <summary>
/// Issue 4's "Done when", in the browser at phone width: a migrant registers by phone, fills in a profile, records a
/// departure and a return, sees the timeline and an access log showing an officer's view of the passport; an officer
/// registers a Cyrillic-spelled person and merges the proposed Latin-spelled duplicate. axe-core on every page.
/// </summary>
[Collection(nameof(BrowserJourneys))]
public class MigrantJourneyTests(BrowserFixture fixture)
{
    private static string S(int n) => n.ToString(CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("uz", "+998901150001", "Dilshod", "Yoʻldoshev", "FA5550001")]
    [InlineData("ru", "+998901150002", "Алишер", "Хасанов", "FA5550002")]
    [InlineData("tg", "+998901150003", "Ҷамшед", "Раҳмонов", "FA5550003")]
    public async Task A_migrant_registers_travels_returns_and_sees_who_saw_the_passport(string culture, string phone, string given, string family, string passport)
    {
        // Issue 16: the person starts as a young reader, from the home page's youth entry to the Russia guide, whose
        // link leads to signing in and registering.
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/?culture=" + culture);
        await page.ClickAsync("#youth-entry a[href='/youth']");
        await page.ClickAsync("main a[href='/guides/russia']");
        (await page.GetAttributeAsync("article", "lang")).ShouldBe(culture);
        await page.ClickAsync("main a[href='/account/phone']");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/phone$"));
        await SignIn.ByPhoneAsync(page, culture, phone, onThePage: true);
        await page.InspectAsync("dashboard-migrant-unregistered-" + culture);
        await page.GotoAsync("/register");
        await page.InspectAsync($"register-start-{culture}");
        await page.ClickAsync("main form[action*='Start'] button");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/register/name$"));

        // A bad answer is explained on the page, in the page's language, and nothing is lost.
        await page.ClickAsync("main form button[type=submit]");
        await page.WaitForSelectorAsync(".govuk-error-summary");
        await page.InspectAsync($"register-name-error-{culture}");
        await page.FillAsync("#GivenName", given);
        await page.FillAsync("#FamilyName", family);
        await page.ClickAsync("main form button[type=submit]");

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/register/details$"));
        await page.InspectAsync($"register-details-{culture}");
        await page.FillAsync("#Birth-day", "12");
        await page.FillAsync("#Birth-month", "5");
        await page.FillAsync("#Birth-year", "1995");
        await page.CheckAsync("#sex-Male");
        await page.SelectOptionAsync("#Citizenship", "UZ");
        await page.SelectOptionAsync("#RegionCode", "UZ-SA");
        await page.ClickAsync("main form button[type=submit]:not([formaction])");

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/register/document$"));
        await page.InspectAsync($"register-document-{culture}");
        await page.FillAsync("#DocumentNumber", passport);
        await page.ClickAsync("main form button[type=submit]");

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/register/work$"));
        await page.SelectOptionAsync("#Education", "UpperSecondary");
        await page.FillAsync("#Find", "welder");
        await page.ClickAsync("button[formaction='/register/work?handler=Find']");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("handler=Find$"));
        await page.CheckAsync("#occupation-7212");
        await page.InspectAsync($"register-work-{culture}");
        await page.FillAsync("#Skills", "TIG");
        await page.ClickAsync("main form button[type=submit]:not([formaction])");

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/register/languages$"));
        await page.InspectAsync($"register-languages-{culture}");
        await page.SelectOptionAsync("select[name='Languages[0].Code']", culture == "tg" ? "tg" : "uz");
        await page.SelectOptionAsync("select[name='Languages[0].Level']", "Native");
        await page.SelectOptionAsync("select[name='Languages[1].Code']", "ru");
        await page.SelectOptionAsync("select[name='Languages[1].Level']", "B1");
        await page.ClickAsync("main form button[type=submit]");

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/register/destinations$"));
        await page.InspectAsync($"register-destinations-{culture}");
        await page.CheckAsync("#destination-KR");
        await page.ClickAsync("main form button[type=submit]");

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/register/consent$"));
        await page.InspectAsync($"register-consent-{culture}");
        await page.CheckAsync("#purpose-Statistics");
        await page.ClickAsync("main form button[type=submit]");

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/register/check$"));
        await page.InspectAsync($"register-check-{culture}");
        (await page.InnerTextAsync("main")).ShouldContain(family);
        await page.ClickAsync("main form button[type=submit]");

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/me$"));
        await page.InspectAsync($"me-registered-{culture}");
        var reference = (await page.InnerTextAsync(".govuk-panel__body strong")).Trim();
        reference.ShouldStartWith("PER-");
        (await page.GetAttributeAsync("html", "lang")).ShouldBe(culture);

        // A departure for work, with a cost the worker paid, then a return.
        var left = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-90);
        await page.GotoAsync("/me/departure");
        await page.InspectAsync($"departure-{culture}");
        await page.CheckAsync("#independent-yes");
        await page.SelectOptionAsync("#Form-Destination", "KR");
        await page.FillAsync("#Form-City", "Incheon");
        await page.FillAsync("#Form-Wage", "2100000");
        await page.SelectOptionAsync("#Form-Currency", "KRW");
        await page.FillAsync("#Form-HoursPerWeek", "48");
        await page.FillAsync("#Form-ContractMonths", "36");
        await page.FillAsync("[id='Form-Costs[0]-Item']", "Visa");
        await page.FillAsync("[id='Form-Costs[0]-Amount']", "60");
        await page.SelectOptionAsync("[id='Form-Costs[0]-Currency']", "USD");
        await page.FillAsync("#Form-Date-day", S(left.Day));
        await page.FillAsync("#Form-Date-month", S(left.Month));
        await page.FillAsync("#Form-Date-year", S(left.Year));
        await page.ClickAsync("main form button[type=submit]");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/me$"));
        (await page.InnerTextAsync("main")).ShouldContain("Incheon");

        // The departure card (issue 16): signed, printable, and verified on the public page by its code.
        await page.ClickAsync("main a[href$='/card']");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/me/departures/.+/card$"));
        (await page.Locator("#departure-card img").CountAsync()).ShouldBe(1);
        (await page.Locator($"#departure-card section[lang='{culture}']").CountAsync()).ShouldBe(1);
        (await page.Locator("#departure-card section[lang='en']").CountAsync()).ShouldBe(1);
        await page.InspectAsync($"departure-card-{culture}");
        var code = (await page.InnerTextAsync("#card-code")).Trim();

        // The offline copy (an enhancement): saved in the browser's cache, and served by the card's worker without a network.
        await page.ClickAsync("#card-offline");
        await Assertions.Expect(page.Locator("#card-offline-status")).Not.ToBeEmptyAsync();
        (await page.EvaluateAsync<string>("async () => await (await (await caches.open('caravan-card-v1')).match(location.pathname)).text()")).ShouldContain(code);
        await page.WaitForFunctionAsync("() => navigator.serviceWorker.controller !== null");
        (await page.EvaluateAsync<string>("() => navigator.serviceWorker.controller.scriptURL")).ShouldEndWith("/js/card-offline-sw.js");
        await page.Context.SetOfflineAsync(true);
        await page.ReloadAsync();
        (await page.InnerTextAsync("#card-code")).Trim().ShouldBe(code);
        await page.Context.SetOfflineAsync(false);
        var verifier = await fixture.NewPageAsync(acceptLanguage: culture);
        await verifier.GotoAsync("/verify");
        await verifier.FillAsync("#value", code);
        await verifier.ClickAsync("main form button[type=submit]");
        (await verifier.GetAttributeAsync("#verify-result", "data-state")).ShouldBe("Valid");
        await verifier.InspectAsync($"verify-valid-{culture}");

        // Pre-departure training (issue 16): enrol in today's session, be marked passed by its trainer, get a certificate.
        var sessionId = await fixture.App.WithDbAsync(async db =>
        {
            var course = await db.Set<Course>().FirstAsync(c => c.Topic == CourseTopic.RightsAndLaw);
            var trainerEmail = DemoAccounts.TrainerEmail; // a parameter, not an SQL literal in the logs LeakTests reads
            var trainerId = await db.Users.Where(u => u.Email == trainerEmail).Select(u => u.Id).SingleAsync();
            var session = new TrainingSession
            {
                CourseId = course.Id,
                CentreId = await db.Set<TrainingCentre>().Select(c => c.Id).FirstAsync(),
                // Later today, so the person can still enrol and the trainer can already record the result.
                StartsAt = DateTime.UtcNow.Date.AddDays(1).AddSeconds(-1),
                Language = culture,
                Capacity = 20,
                TrainerId = trainerId,
            };
            db.Add(session);
            await db.SaveChangesAsync();
            return session.Id;
        });
        await page.GotoAsync("/training");
        await page.InspectAsync($"training-{culture}");
        await page.GotoAsync($"/training/sessions/{sessionId}");
        await page.InspectAsync($"training-session-{culture}");
        await page.ClickAsync("main form button[type=submit]");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/me/training$"));
        (await page.GetAttributeAsync("#my-training li", "data-status")).ShouldBe("Enrolled");
        await page.InspectAsync($"my-training-{culture}");

        var trainer = await SignInStaffAsync(DemoAccounts.TrainerEmail, culture);
        await trainer.GotoAsync($"/training/trainer/sessions/{sessionId}");
        await trainer.InspectAsync($"trainer-roster-{culture}");
        await trainer.ClickAsync($"tr[data-reference='{reference}'] button[value=Passed]");
        await Assertions.Expect(trainer.Locator($"tr[data-reference='{reference}'] .govuk-tag")).Not.ToHaveTextAsync(string.Empty);
        await page.ReloadAsync();
        (await page.GetAttributeAsync("#my-training li", "data-status")).ShouldBe("Passed");
        var certificateCode = (await page.InnerTextAsync(".caravan-certificate-code")).Trim();
        await verifier.GotoAsync("/verify");
        await verifier.FillAsync("#value", certificateCode);
        await verifier.ClickAsync("main form button[type=submit]");
        (await verifier.GetAttributeAsync("#verify-result", "data-state")).ShouldBe("Valid");
        // The QR's text, as a phone's scanner would paste it: the signed payload itself.
        var payload = await fixture.App.WithDbAsync(db => db.Set<Caravan.Core.Credentials.Credential>().Where(c => c.Code == certificateCode).Select(c => c.Token).SingleAsync());
        await verifier.GotoAsync("/verify");
        await verifier.FillAsync("#value", payload);
        await verifier.ClickAsync("main form button[type=submit]");
        (await verifier.GetAttributeAsync("#verify-result", "data-state")).ShouldBe("Valid");

        var back = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-2);
        await page.GotoAsync("/me/return");
        await page.InspectAsync($"return-{culture}");
        await page.FillAsync("#Form-Date-day", S(back.Day));
        await page.FillAsync("#Form-Date-month", S(back.Month));
        await page.FillAsync("#Form-Date-year", S(back.Year));
        await page.CheckAsync("#reason-ContractEnded");
        await page.ClickAsync("main form button[type=submit]");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/me$"));
        (await page.Locator(".caravan-timeline > li").CountAsync()).ShouldBe(2);
        await page.InspectAsync($"me-timeline-{culture}");

        // An officer looks at the passport number, giving a reason.
        var officer = await SignInStaffAsync(DemoAccounts.OfficerEmail, culture);
        await officer.GotoAsync("/officer/persons");
        await officer.FillAsync("#Query", family);
        await officer.ClickAsync("main form button[type=submit]");
        await officer.ClickAsync($"a[href='/officer/persons/{reference}']");
        await Assertions.Expect(officer).ToHaveURLAsync(new Regex(reference + "$"));
        (await officer.InnerTextAsync("main")).ShouldNotContain(passport);
        await officer.InspectAsync($"officer-person-{culture}");
        await officer.SelectOptionAsync("#Reason", AccessReasons.IdentityCheck);
        await officer.ClickAsync("main form[action*='Reveal'] button");
        (await officer.InnerTextAsync("main")).ShouldContain(passport);

        await page.GotoAsync("/me/access-log");
        await page.InspectAsync($"access-log-{culture}");
        // The trainer's roster, then two reads by the officer: opening the record, then the passport number with a reason.
        (await page.Locator("table tbody tr").CountAsync()).ShouldBe(3);
        (await page.InnerTextAsync("table")).ShouldContain("Demo Trainer");
        var officerEmail = DemoAccounts.OfficerEmail; // a parameter, not an SQL literal in the logs LeakTests reads
        var officerName = await fixture.App.WithDbAsync(db => db.Users.Where(u => u.Email == officerEmail).Select(u => u.DisplayName).SingleAsync());
        (await page.InnerTextAsync("table")).ShouldContain(officerName!);
        await page.GotoAsync("/me/consents");
        await page.InspectAsync($"consents-{culture}");
    }

    [Fact]
    public async Task An_officer_registers_a_Cyrillic_spelling_and_merges_the_Latin_record_it_duplicates()
    {
        const string culture = "ru";
        var officer = await SignInStaffAsync(DemoAccounts.OfficerEmail, culture);
        await RegisterAssistedAsync(officer, "Bahodir", "Xolmatov", "UZ-FA");
        await Assertions.Expect(officer).ToHaveURLAsync(new Regex("/officer/persons/PER-"));
        var latin = officer.Url.Split('/')[^1];

        await RegisterAssistedAsync(officer, "Баҳодир", "Холматов", "UZ-FA");
        await Assertions.Expect(officer).ToHaveURLAsync(new Regex("/officer/persons/duplicates/"));
        await officer.InspectAsync("duplicate-compare-ru");
        (await officer.InnerTextAsync("main")).ShouldContain("Xolmatov");
        await officer.ClickAsync("main form[action*='Merge'] button");
        await Assertions.Expect(officer).ToHaveURLAsync(new Regex($"/officer/persons/{latin}$"));
        await officer.InspectAsync("duplicate-merged-ru");
        var family = "Холматов"; // a parameter, not an SQL literal in the logs LeakTests reads
        var cyrillic = await fixture.App.WithDbAsync(db => db.Set<Person>().SingleAsync(p => p.FamilyName == family));
        cyrillic.Status.ShouldBe(PersonStatus.Merged);

        await officer.GotoAsync("/officer/persons/duplicates");
        await officer.InspectAsync("duplicates-queue-ru");
        await officer.GotoAsync("/officer/persons/imports");
        await officer.InspectAsync("imports-ru");
        await officer.GotoAsync("/officer/persons/changes");
        await officer.InspectAsync("changes-ru");
    }

    private static async Task RegisterAssistedAsync(IPage officer, string given, string family, string region)
    {
        await officer.GotoAsync("/officer/persons/new");
        await officer.InspectAsync("officer-register-ru");
        await officer.FillAsync("#GivenName", given);
        await officer.FillAsync("#FamilyName", family);
        await officer.FillAsync("#Birth-day", "3");
        await officer.FillAsync("#Birth-month", "10");
        await officer.FillAsync("#Birth-year", "1987");
        await officer.CheckAsync("#sex-Male");
        await officer.SelectOptionAsync("#RegionCode", region);
        await officer.FillAsync("#ConsentGivenBy", "The person, at the Fergana centre");
        await officer.CheckAsync("#registration-consent");
        await officer.ClickAsync("main form button[type=submit]");
    }

    private Task<IPage> SignInStaffAsync(string email, string culture) => SignIn.StaffAsync(fixture, email, culture);
}
