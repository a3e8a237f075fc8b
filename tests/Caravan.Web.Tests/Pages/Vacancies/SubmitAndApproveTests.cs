using System.Globalization;
using System.Net;
using Caravan.Core.Agencies;
using Caravan.Core.Data;
using Caravan.Core.Vacancies;
using Caravan.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Web.Tests.Pages.Vacancies;

/// <summary>An agency submits vacancies through the form; the checks stop what breaks the rules; an officer publishes the rest.</summary>
public class SubmitAndApproveTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    /// <summary>Samarkand Labour Bridge (second demo agency): licensed for KZ and KR, employer Gyeonggi Precision Manufacturing.</summary>
    private const string KoreanEmployer = "KR-124-81-00998";

    private static Dictionary<string, string> Form(string title, string? costItem = null, string? costAmount = null, string? description = null, string wage = "2 400 000") => new()
    {
        ["employer"] = KoreanEmployer,
        ["iscoCode"] = "7212",
        ["textLanguage"] = "en",
        ["title"] = title,
        ["description"] = description ?? "Welding of steel frames in a car parts plant. Written contract, wages paid monthly to a bank account.",
        ["translations[0].language"] = "ru",
        ["translations[0].title"] = title + " (сварщик)",
        ["translations[0].description"] = "Сварка стальных рам на заводе автокомплектующих. Письменный договор, зарплата ежемесячно на банковский счёт.",
        ["translations[1].language"] = "uz",
        ["translations[1].title"] = title + " (payvandchi)",
        ["translations[1].description"] = "Avtomobil ehtiyot qismlari zavodida poʻlat ramalarni payvandlash. Yozma shartnoma, ish haqi har oy bank hisobiga.",
        ["translations[2].language"] = "tg",
        ["translations[2].title"] = "",
        ["translations[2].description"] = "",
        ["destinationCountry"] = "KR",
        ["city"] = "Ansan",
        ["positions"] = "12",
        ["monthlyWage"] = wage,
        ["wageCurrency"] = "KRW",
        ["hoursPerWeek"] = "48",
        ["contractMonths"] = "34",
        ["applicationDeadline"] = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["housingProvided"] = "true",
        ["requiredLanguages"] = "Korean, basic (EPS-TOPIK)",
        ["costs[0].item"] = costItem ?? "",
        ["costs[0].amount"] = costAmount ?? "",
        ["costs[0].currency"] = costItem is null ? "" : "USD",
    };

    private static Task<int> CountAsync(CaravanApp app, string title) =>
        app.WithDbAsync(db => db.Set<Vacancy>().CountAsync(v => v.Title == title));

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_fee_to_the_worker_stops_the_vacancy_and_once_removed_an_officer_publishes_it(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var agency = app.EnglishBrowser();
        await agency.SignInStaffAsync(DemoAccounts.OtherAgencyEmail);
        var title = "Welder " + Guid.NewGuid().ToString("N")[..6];

        var withFee = await agency.PostFormAsync("/dashboard/agency/vacancies/new", Form(title, "Visa support", "300"));
        withFee.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await withFee.TextAsync();
        text.ShouldContain("You are asked to pay 300 USD. Workers must not pay any fee");
        text.ShouldContain(title); // the form keeps what was typed
        (await CountAsync(app, title)).ShouldBe(0);

        var fixedForm = await agency.PostFormAsync("/dashboard/agency/vacancies/new", Form(title));
        fixedForm.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var reference = fixedForm.Headers.Location!.OriginalString.Split('/')[^1];
        var own = await (await agency.GetAsync(fixedForm.Headers.Location)).TextAsync();
        own.ShouldContain("waiting for a ministry officer's approval");
        (await app.EnglishBrowser().GetAsync($"/vacancies/{reference}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var officer = app.EnglishBrowser();
        await officer.SignInStaffAsync(DemoAccounts.OfficerEmail);
        (await (await officer.GetAsync("/officer/vacancies")).TextAsync()).ShouldContain(reference);
        var review = await (await officer.GetAsync($"/officer/vacancies/{reference}")).TextAsync();
        review.ShouldContain("Costs to the worker are within the fee policy");
        review.ShouldContain("The wage is at least the destination's legal minimum");
        var noNote = await officer.PostFormAsync($"/officer/vacancies/{reference}", new Dictionary<string, string> { ["Decision"] = "Reject" });
        (await noNote.TextAsync()).ShouldContain("Give the reasons for this decision");
        (await officer.PostFormAsync($"/officer/vacancies/{reference}", new Dictionary<string, string> { ["Decision"] = "Approve" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var publicPage = await (await app.EnglishBrowser().GetAsync($"/vacancies/{reference}")).TextAsync();
        publicPage.ShouldContain(title);
        publicPage.ShouldContain("The worker pays nothing to get this job.");
        // Found in Russian, through the agency's translation, and shown in Russian to a Russian reader.
        var russian = app.Browser();
        var found = await (await russian.GetAsync("/vacancies?culture=ru&q=" + Uri.EscapeDataString("сварка стальных"))).TextAsync();
        found.ShouldContain(reference);
        (await (await russian.GetAsync($"/vacancies/{reference}?culture=ru")).TextAsync()).ShouldContain(title + " (сварщик)");
        // Every translation the form was given is kept, and an empty row is no translation.
        var uzbek = await (await app.Browser().GetAsync($"/vacancies/{reference}?culture=uz")).TextAsync();
        uzbek.ShouldContain(title + " (payvandchi)");
        var tajik = WebUtility.HtmlDecode(await (await app.Browser().GetAsync($"/vacancies/{reference}?culture=tg")).TextAsync());
        tajik.ShouldContain($"lang=\"en\">{title}</h1>");
        var languages = await app.WithDbAsync(c => c.Set<VacancyTranslation>().Where(t => c.Set<Vacancy>().Any(v => v.Id == t.VacancyId && v.Reference == reference))
            .Select(t => t.Language).OrderBy(l => l).ToListAsync());
        languages.ShouldBe(["ru", "uz"]);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_payment_hidden_in_the_description_a_low_wage_and_a_blacklisted_employer_are_each_stopped(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var agency = app.EnglishBrowser();
        await agency.SignInStaffAsync(DemoAccounts.OtherAgencyEmail);

        var hidden = "Hidden " + Guid.NewGuid().ToString("N")[..6];
        var text = await (await agency.PostFormAsync("/dashboard/agency/vacancies/new", Form(hidden,
            description: "Welding work in Ansan. A deposit of 500 USD is deducted from the first salary."))).TextAsync();
        text.ShouldContain("The text mentions a payment by the worker");
        (await CountAsync(app, hidden)).ShouldBe(0);

        var low = "Low " + Guid.NewGuid().ToString("N")[..6];
        text = await (await agency.PostFormAsync("/dashboard/agency/vacancies/new", Form(low, wage: "1500000"))).TextAsync();
        text.ShouldContain("below the legal minimum wage");
        (await CountAsync(app, low)).ShouldBe(0);

        // Silk Road's register holds a blacklisted employer.
        var silk = app.EnglishBrowser();
        await silk.SignInStaffAsync(DemoAccounts.AgencyEmail);
        var black = "Black " + Guid.NewGuid().ToString("N")[..6];
        var form = Form(black);
        form["employer"] = "RU-7709999999";
        form["destinationCountry"] = "RU";
        form["wageCurrency"] = "RUB";
        form["monthlyWage"] = "90000";
        form["hoursPerWeek"] = "40";
        text = await (await silk.PostFormAsync("/dashboard/agency/vacancies/new", form)).TextAsync();
        text.ShouldContain("is on the ministry's blacklist of employers");
        (await CountAsync(app, black)).ShouldBe(0);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Malformed_answers_are_named_field_by_field_and_nothing_is_saved(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var agency = app.EnglishBrowser();
        await agency.SignInStaffAsync(DemoAccounts.OtherAgencyEmail);
        var title = "Bad " + Guid.NewGuid().ToString("N")[..6];
        var form = Form(title);
        form["iscoCode"] = "71";
        form["positions"] = "lots";
        form["monthlyWage"] = "-5";
        form["applicationDeadline"] = "2020-01-01";
        form["destinationCountry"] = "";
        form["costs[0].item"] = "Medical check";
        form["costs[0].amount"] = "abc";
        var response = await agency.PostFormAsync("/dashboard/agency/vacancies/new", form);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await response.TextAsync();
        text.ShouldContain("Enter a 4-digit ISCO-08 unit group code");
        text.ShouldContain("Enter the number of positions");
        text.ShouldContain("Enter the gross monthly wage as a number greater than zero");
        text.ShouldContain("Enter a closing date from today");
        text.ShouldContain("Select the destination country");
        text.ShouldContain("Enter the cost as a number greater than zero");
        (await CountAsync(app, title)).ShouldBe(0);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task An_officer_cannot_approve_once_the_agency_is_suspended_and_other_agencies_get_404(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var agency = app.EnglishBrowser();
        await agency.SignInStaffAsync(DemoAccounts.AgencyEmail);
        var title = "Driver " + Guid.NewGuid().ToString("N")[..6];
        var form = Form(title);
        form["employer"] = "RU-1655012345";
        form["iscoCode"] = "8332";
        form["destinationCountry"] = "RU";
        form["wageCurrency"] = "RUB";
        form["monthlyWage"] = "120000";
        form["hoursPerWeek"] = "40";
        var submitted = await agency.PostFormAsync("/dashboard/agency/vacancies/new", form);
        submitted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var reference = submitted.Headers.Location!.OriginalString.Split('/')[^1];

        var other = app.EnglishBrowser();
        await other.SignInStaffAsync(DemoAccounts.OtherAgencyEmail);
        (await other.GetAsync($"/dashboard/agency/vacancies/{reference}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        await app.WithDbAsync(async ctx =>
        {
            var a = await ctx.Set<Agency>().SingleAsync(x => x.Name == "Silk Road Recruitment LLC");
            a.LicenceStatus = LicenceStatus.Suspended;
            a.SuspendedUntil = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30);
            return await ctx.SaveChangesAsync();
        });
        try
        {
            var officer = app.EnglishBrowser();
            await officer.SignInStaffAsync(DemoAccounts.OfficerEmail);
            var refused = await officer.PostFormAsync($"/officer/vacancies/{reference}", new Dictionary<string, string> { ["Decision"] = "Approve" });
            refused.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await refused.TextAsync()).ShouldContain("This vacancy cannot be published: a check failed");
            (await app.WithDbAsync(ctx => ctx.Set<Vacancy>().SingleAsync(v => v.Reference == reference))).Status.ShouldBe(VacancyStatus.PendingApproval);
        }
        finally
        {
            await app.WithDbAsync(async ctx =>
            {
                var a = await ctx.Set<Agency>().SingleAsync(x => x.Name == "Silk Road Recruitment LLC");
                a.LicenceStatus = LicenceStatus.Valid;
                a.SuspendedUntil = null;
                return await ctx.SaveChangesAsync();
            });
        }
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Agencies_register_employers_and_an_officer_blacklists_one_for_every_agency(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var agency = app.EnglishBrowser();
        await agency.SignInStaffAsync(DemoAccounts.OtherAgencyEmail);
        var registration = "KR-" + Random.Shared.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture);
        var added = await agency.PostFormAsync("/dashboard/agency/employers", new Dictionary<string, string>
        {
            ["Name"] = "Busan Shipyard Services",
            ["CountryCode"] = "KR",
            ["RegistrationId"] = registration.ToLowerInvariant(),
            ["Sector"] = "Shipbuilding",
        });
        added.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var again = await agency.PostFormAsync("/dashboard/agency/employers", new Dictionary<string, string>
        {
            ["Name"] = "Busan Shipyard Services",
            ["CountryCode"] = "KR",
            ["RegistrationId"] = registration,
        });
        (await again.TextAsync()).ShouldContain("You have already registered an employer with this registration number");

        var id = await app.WithDbAsync(ctx => ctx.Set<ForeignEmployer>().Where(e => e.RegistrationId == registration).Select(e => e.Id).SingleAsync());
        var officer = app.EnglishBrowser();
        await officer.SignInStaffAsync(DemoAccounts.OfficerEmail);
        (await (await officer.GetAsync("/officer/employers")).TextAsync()).ShouldContain("Busan Shipyard Services");
        (await officer.PostFormAsync($"/officer/employers/{id}", new Dictionary<string, string> { ["Status"] = "Blacklisted", ["Reason"] = "" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await officer.PostFormAsync($"/officer/employers/{id}", new Dictionary<string, string> { ["Status"] = "Blacklisted", ["Reason"] = "Passports withheld from workers." }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // Another agency registering the same employer inherits the blacklisting.
        var silk = app.EnglishBrowser();
        await silk.SignInStaffAsync(DemoAccounts.AgencyEmail);
        await silk.PostFormAsync("/dashboard/agency/employers", new Dictionary<string, string>
        {
            ["Name"] = "Busan Shipyard Svc",
            ["CountryCode"] = "KR",
            ["RegistrationId"] = registration,
        });
        var statuses = await app.WithDbAsync(ctx => ctx.Set<ForeignEmployer>().Where(e => e.RegistrationId == registration).Select(e => e.Status).ToListAsync());
        statuses.ShouldBe([EmployerStatus.Blacklisted, EmployerStatus.Blacklisted]);
        (await (await silk.GetAsync("/dashboard/agency/employers")).TextAsync()).ShouldContain("Passports withheld from workers.");
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task The_administrator_edits_a_minimum_wage_with_its_source(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var admin = app.EnglishBrowser();
        await admin.SignInStaffAsync(DemoAccounts.AdminEmail);
        var page = await (await admin.GetAsync("/admin/rates")).TextAsync();
        page.ShouldContain("Federal Law 82-FZ");
        var bad = await admin.PostFormAsync("/admin/rates", new Dictionary<string, string>
        {
            ["Code"] = "KZ",
            ["Amount"] = "abc",
            ["Currency"] = "KZT",
            ["EffectiveFrom"] = "2026-01-01",
            ["Source"] = "",
        }, "/admin/rates?handler=Minimum");
        var text = await bad.TextAsync();
        text.ShouldContain("Enter a number greater than zero");
        text.ShouldContain("Give the source of this figure");
        (await admin.PostFormAsync("/admin/rates", new Dictionary<string, string>
        {
            ["Code"] = "KZ",
            ["Amount"] = "85 000",
            ["Currency"] = "KZT",
            ["EffectiveFrom"] = "2026-01-01",
            ["Source"] = "Budget law 2026–2028, art. 9",
        }, "/admin/rates?handler=Minimum")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var row = await app.WithDbAsync(ctx => ctx.Set<Caravan.Core.Reference.MinimumWage>().SingleAsync(m => m.CountryCode == "KZ"));
        row.Source.ShouldBe("Budget law 2026–2028, art. 9");
        row.EffectiveFrom.ShouldBe(new DateOnly(2026, 1, 1));
        var officer = app.EnglishBrowser();
        await officer.SignInStaffAsync(DemoAccounts.OfficerEmail);
        (await officer.GetAsync("/admin/rates")).Headers.Location!.AbsolutePath.ShouldBe("/account/denied");
    }
}
