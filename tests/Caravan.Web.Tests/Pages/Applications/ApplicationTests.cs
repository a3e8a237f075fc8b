using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Caravan.Core.Agencies;
using Caravan.Core.Applications;
using Caravan.Core.Data;
using Caravan.Core.Messaging;
using Caravan.Core.Migrants;
using Caravan.Core.Statistics;
using Caravan.Core.Vacancies;
using Caravan.Web.Tests.Infrastructure;
using Caravan.Web.Tests.Pages.Migrants;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Web.Tests.Pages.Applications;

/// <summary>
/// Issue 15's matching and applications, through the pages on both databases: a registered welder sees the welder
/// vacancy first with its reasons, applies sharing chosen fields, the agency shortlists, selects and records the
/// departure, and the migrant follows each step; a withdrawal ends the agency's view at once.
/// </summary>
public sealed partial class ApplicationTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static string S(int n) => n.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("name=\"Version\" value=\"([0-9a-f-]{36})\"")]
    private static partial Regex VersionField();

    /// <summary>The demo's welder vacancy in Korea, offered by the second demo agency.</summary>
    private static Task<Vacancy> WelderAsync(CaravanApp app) =>
        app.WithDbAsync(db => db.Set<Vacancy>().Include(v => v.Agency).SingleAsync(v => v.IscoCode == "7212" && v.DestinationCountry == "KR"));

    private static async Task<string> VersionOnAsync(HttpClient client, string page)
    {
        var match = VersionField().Match(await client.GetStringAsync(page));
        match.Success.ShouldBeTrue($"{page} has no Version field");
        return match.Groups[1].Value;
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_welder_sees_the_welder_vacancy_first_with_reasons_applies_and_is_selected_and_placed(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var migrant = app.EnglishBrowser();
        var reference = await Registration.RegisterAsync(app, migrant, "+998901170001", new("Sardor", "Qodirov", null, new DateOnly(1994, 3, 2), "Male", "AB7770001"));
        var welder = await WelderAsync(app);

        var matches = await migrant.GetStringAsync("/me/matches");
        var first = Regex.Match(matches, "href=\"/vacancies/(VAC-[0-9]+)\"").Groups[1].Value;
        first.ShouldBe(welder.Reference);
        matches.ShouldContain("Your occupation: Welder");
        matches.ShouldContain("In a country you chose: ");
        matches.ShouldContain("The worker pays no fees");
        // No vacancy of an agency without a valid licence is ever offered.
        var unlicensed = await app.WithDbAsync(c => c.Set<Vacancy>().Where(v => v.Agency!.LicenceStatus != LicenceStatus.Valid).Select(v => v.Reference).ToListAsync());
        unlicensed.ShouldAllBe(r => !matches.Contains(r, StringComparison.Ordinal));

        // The applicant shares what they choose; the phone stays private.
        var applyPage = $"/me/apply/{welder.Reference}";
        var noAgreement = await (await migrant.PostFormAsync(applyPage, new Dictionary<string, string> { ["Fields"] = "Occupations" })).TextAsync();
        noAgreement.ShouldContain("Tick the box to agree to share these fields with the agency");
        var sent = await migrant.PostFormAsync(applyPage, new Dictionary<string, string> { ["Fields"] = "Occupations", ["Agree"] = "true" });
        sent.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        sent.Headers.Location!.ToString().ShouldBe("/me/applications");
        (await migrant.GetStringAsync("/me/applications")).ShouldContain("Sent");

        // Applying twice is refused with a reason, and nothing more is written.
        var twice = await migrant.GetStringAsync(applyPage);
        twice.ShouldContain("You have already applied to this vacancy");
        var application = await app.WithDbAsync(c => c.Set<JobApplication>().SingleAsync(a => c.Set<Person>().Any(p => p.Id == a.PersonId && p.Reference == reference)));
        application.Fields.ShouldBe(SharedFields.Name | SharedFields.Occupations);
        application.AgencyId.ShouldBe(welder.AgencyId);
        var consent = await app.WithDbAsync(c => c.Set<Consent>().SingleAsync(x => x.Id == application.ConsentId));
        consent.Purpose.ShouldBe(ConsentPurpose.Application);
        consent.AgencyId.ShouldBe(welder.AgencyId);
        consent.NoticeText.ShouldContain(welder.Agency!.Name);
        consent.NoticeText.ShouldContain("Occupations");

        // Another agency cannot open it.
        var page = $"/dashboard/agency/applications/{application.Id}";
        var other = app.EnglishBrowser();
        await other.SignInStaffAsync(DemoAccounts.AgencyEmail);
        (await other.GetAsync(page)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.GetStringAsync("/dashboard/agency/applications")).ShouldNotContain("Qodirov");

        var agency = app.EnglishBrowser();
        await agency.SignInStaffAsync(DemoAccounts.OtherAgencyEmail);
        (await agency.GetStringAsync("/dashboard/agency/applications")).ShouldContain("Sardor Qodirov");
        var opened = await agency.GetStringAsync(page);
        opened.ShouldContain("Welder");
        opened.ShouldNotContain("AB7770001");
        opened.ShouldNotContain("+998901170001");
        (await migrant.GetStringAsync("/me/access-log")).ShouldContain("An agency reading your application, with your consent");

        (await agency.PostFormAsync(page, new Dictionary<string, string> { ["Version"] = await VersionOnAsync(agency, page) }, page + "?handler=Shortlist"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await migrant.GetStringAsync("/me/applications")).ShouldContain("Shortlisted");
        (await agency.PostFormAsync(page, new Dictionary<string, string> { ["Version"] = await VersionOnAsync(agency, page) }, page + "?handler=Select"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await migrant.GetStringAsync("/me/applications")).ShouldContain("Selected");

        // The departure form starts from the vacancy's terms; the agency gives the date.
        var selected = await agency.GetStringAsync(page);
        selected.ShouldContain("value=\"Ansan\"");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var placed = await agency.PostFormAsync(page, new Dictionary<string, string>
        {
            ["Version"] = await VersionOnAsync(agency, page),
            ["Form.Destination"] = "KR",
            ["Form.City"] = "Ansan",
            ["Form.Occupation"] = "7212",
            ["Form.Wage"] = "2450000",
            ["Form.Currency"] = "KRW",
            ["Form.HoursPerWeek"] = "52",
            ["Form.ContractMonths"] = "34",
            ["Form.DateDay"] = S(today.Day),
            ["Form.DateMonth"] = S(today.Month),
            ["Form.DateYear"] = S(today.Year),
        }, page + "?handler=Place");
        placed.StatusCode.ShouldBe(HttpStatusCode.Redirect, await placed.TextAsync());
        var done = await app.WithDbAsync(c => c.Set<JobApplication>().SingleAsync(a => a.Id == application.Id));
        done.Status.ShouldBe(JobApplicationStatus.Placed);
        var departure = await app.WithDbAsync(c => c.Set<Departure>().SingleAsync(d => d.Id == done.DepartureId));
        departure.VacancyId.ShouldBe(welder.Id);
        departure.AgencyId.ShouldBe(welder.AgencyId);
        departure.RecordedBy.ShouldBe(RecordedBy.Agency);
        (await migrant.GetStringAsync("/me/applications")).ShouldContain("Placed: departure recorded");
        (await migrant.GetStringAsync("/me")).ShouldContain("Ansan");

        // One SMS per decision in the language chosen at registration, and the placement's only as the departure card's.
        var notices = await Caravan.Web.Tests.Messaging.Notices.ToAsync(app, "+998901170001");
        notices.Select(n => n.Template).ShouldBe([
            Caravan.Web.Tests.Messaging.Notices.Of(MigrantNotice.ApplicationStatusChanged),
            Caravan.Web.Tests.Messaging.Notices.Of(MigrantNotice.ApplicationStatusChanged),
            Caravan.Web.Tests.Messaging.Notices.Of(MigrantNotice.DepartureCardReady)]);
        notices.ShouldAllBe(n => n.Culture == "en");
        notices[^1].Body.ShouldContain("departure card is ready");
        notices.ShouldAllBe(n => !n.Body.Contains("Ansan") && !n.Body.Contains("Welder"));

        // One application and one selection were counted, with the vacancy's destination and the agency.
        var facts = await app.WithDbAsync(c => c.Set<Fact>().Where(f => (f.Kind == FactKind.Application || f.Kind == FactKind.Selection) && f.AgencyId == welder.AgencyId
            && f.RecordedAt >= application.AppliedAt).ToListAsync());
        facts.Count(f => f.Kind == FactKind.Application).ShouldBeGreaterThanOrEqualTo(1);
        facts.Count(f => f.Kind == FactKind.Selection).ShouldBeGreaterThanOrEqualTo(1);
        facts.ShouldAllBe(f => f.Destination == "KR" && f.IscoGroup == "7" && f.Sex == "M");
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Withdrawing_ends_the_agencys_view_at_once_and_a_new_application_reopens_the_same_record(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var migrant = app.EnglishBrowser();
        var reference = await Registration.RegisterAsync(app, migrant, "+998901170002", new("Nodira", "Karimova", null, new DateOnly(1996, 7, 21), "Female", "AB7770002"));
        var welder = await WelderAsync(app);
        var applyPage = $"/me/apply/{welder.Reference}";
        (await migrant.PostFormAsync(applyPage, new Dictionary<string, string> { ["Fields"] = "Skills", ["Agree"] = "true" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var application = await app.WithDbAsync(c => c.Set<JobApplication>().SingleAsync(a => c.Set<Person>().Any(p => p.Id == a.PersonId && p.Reference == reference)));
        var page = $"/dashboard/agency/applications/{application.Id}";
        var agency = app.EnglishBrowser();
        await agency.SignInStaffAsync(DemoAccounts.OtherAgencyEmail);
        (await agency.GetStringAsync(page)).ShouldContain("welding");
        var staleVersion = await VersionOnAsync(agency, page);

        var withdrawn = await migrant.PostFormAsync("/me/applications", new Dictionary<string, string>(), $"/me/applications?handler=Withdraw&id={application.Id}");
        withdrawn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await migrant.GetStringAsync("/me/applications")).ShouldContain("Your application was withdrawn");

        var after = await agency.GetStringAsync(page);
        after.ShouldNotContain("Karimova");
        after.ShouldNotContain("welding");
        after.ShouldContain("The applicant withdrew the application or their consent");
        (await agency.GetStringAsync("/dashboard/agency/applications")).ShouldNotContain("Karimova");
        var consent = await app.WithDbAsync(c => c.Set<Consent>().SingleAsync(x => x.Id == application.ConsentId));
        consent.WithdrawnAt.ShouldNotBeNull();

        // A decision on the page as it was before the withdrawal is refused.
        var late = await (await agency.PostFormAsync(page, new Dictionary<string, string> { ["Version"] = staleVersion }, page + "?handler=Shortlist")).TextAsync();
        late.ShouldContain("Someone else changed this record after you opened it");
        (await app.WithDbAsync(c => c.Set<JobApplication>().SingleAsync(a => a.Id == application.Id))).Status.ShouldBe(JobApplicationStatus.Withdrawn);

        // Applying again reopens the same application under a new consent; the agency sees the person again.
        (await migrant.PostFormAsync(applyPage, new Dictionary<string, string> { ["Agree"] = "true" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var again = await app.WithDbAsync(c => c.Set<JobApplication>().Where(a => a.PersonId == application.PersonId).ToListAsync());
        again.Count.ShouldBe(1);
        again[0].Status.ShouldBe(JobApplicationStatus.Submitted);
        again[0].ConsentId.ShouldNotBe(application.ConsentId);
        again[0].Fields.ShouldBe(SharedFields.Name);
        (await agency.GetStringAsync(page)).ShouldContain("Karimova");

        // A rejection needs a reason; the applicant reads it.
        var version = await VersionOnAsync(agency, page);
        (await (await agency.PostFormAsync(page, new Dictionary<string, string> { ["Version"] = version }, page + "?handler=Reject")).TextAsync())
            .ShouldContain("Choose the reason for the rejection");
        (await agency.PostFormAsync(page, new Dictionary<string, string> { ["Version"] = version, ["Reason"] = "Language", ["Note"] = "Korean A2 is needed." }, page + "?handler=Reject"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var mine = await migrant.GetStringAsync("/me/applications");
        mine.ShouldContain("Not selected");
        mine.ShouldContain("Language level too low for the job: Korean A2 is needed.");
        (await migrant.GetStringAsync("/me/applications")).ShouldNotContain("Withdraw the application");

        // Withdrawing the consent on the consents page withdraws the application it was given with.
        var other = await app.WithDbAsync(c => c.Set<Vacancy>().Where(v => v.Status == VacancyStatus.Published && v.IscoCode != "7212" && v.AgencyId == welder.AgencyId)
            .OrderBy(v => v.Reference).FirstAsync());
        (await migrant.PostFormAsync($"/me/apply/{other.Reference}", new Dictionary<string, string> { ["Agree"] = "true" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var second = await app.WithDbAsync(c => c.Set<JobApplication>().SingleAsync(a => a.PersonId == application.PersonId && a.VacancyId == other.Id));
        var secondPage = $"/dashboard/agency/applications/{second.Id}";
        var seen = await VersionOnAsync(agency, secondPage);
        (await migrant.PostFormAsync("/me/consents", new Dictionary<string, string>(), $"/me/consents?handler=Withdraw&id={second.ConsentId}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDbAsync(c => c.Set<JobApplication>().SingleAsync(a => a.Id == second.Id))).Status.ShouldBe(JobApplicationStatus.Withdrawn);
        (await (await agency.PostFormAsync(secondPage, new Dictionary<string, string> { ["Version"] = seen }, secondPage + "?handler=Select")).TextAsync())
            .ShouldContain("Someone else changed this record after you opened it");
        (await app.WithDbAsync(c => c.Set<JobApplication>().SingleAsync(a => a.Id == second.Id))).Status.ShouldBe(JobApplicationStatus.Withdrawn);
    }
}

/// <summary>A node whose minimum age for work abroad is 21, for the refusals.</summary>
public sealed class Age21Fixture : AppFixture
{
    protected override IDictionary<string, string?>? Settings => new Dictionary<string, string?> { ["Applications:MinimumAge"] = "21" };
}

/// <summary>Every refusal is explained on the page and writes nothing.</summary>
public sealed class ApplicationRefusalTests(Age21Fixture fixture) : IClassFixture<Age21Fixture>
{
    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Applications_below_the_nodes_minimum_age_to_closed_vacancies_unlicensed_agencies_or_fee_charging_vacancies_are_refused(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var young = app.EnglishBrowser();
        var born = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-20);
        var youngRef = await Registration.RegisterAsync(app, young, "+998901170011", new("Jasur", "Tursunov", null, born, "Male", "AB7770011"));
        var vacancies = await app.WithDbAsync(c => c.Set<Vacancy>().Where(v => v.Status == VacancyStatus.Published && v.Agency!.LicenceStatus == LicenceStatus.Valid)
            .OrderBy(v => v.Reference).Take(4).ToListAsync());
        (await young.GetStringAsync("/me/matches")).ShouldContain("You can apply for work abroad from the age of 21.");
        var underAge = await (await young.PostFormAsync($"/me/apply/{vacancies[0].Reference}", new Dictionary<string, string> { ["Agree"] = "true" })).TextAsync();
        underAge.ShouldContain("You can apply for work abroad from the age of 21.");

        var adult = app.EnglishBrowser();
        await Registration.RegisterAsync(app, adult, "+998901170012", new("Bekzod", "Aliyev", null, new DateOnly(1990, 1, 5), "Male", "AB7770012"));

        // A closed vacancy: no longer public at all.
        await app.WithDbAsync(c => c.Set<Vacancy>().Where(v => v.Id == vacancies[1].Id).ExecuteUpdateAsync(u => u.SetProperty(v => v.ApplicationDeadline, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1))));
        (await (await adult.PostFormAsync($"/me/apply/{vacancies[1].Reference}", new Dictionary<string, string> { ["Agree"] = "true" })).TextAsync())
            .ShouldContain("This vacancy is closed to applications.");

        // A vacancy charging the worker, on a node that forbids fees (the default policy).
        await app.WithDbAsync(c => c.Set<Vacancy>().Where(v => v.Id == vacancies[2].Id).ExecuteUpdateAsync(u => u.SetProperty(v => v.FeeFree, false)));
        (await (await adult.PostFormAsync($"/me/apply/{vacancies[2].Reference}", new Dictionary<string, string> { ["Agree"] = "true" })).TextAsync())
            .ShouldContain("This vacancy asks the worker to pay fees");

        // The agency's licence is suspended between opening the form and sending it.
        var form = $"/me/apply/{vacancies[3].Reference}";
        var token = Regex.Match(await adult.GetStringAsync(form), "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        await app.WithDbAsync(c => c.Set<Agency>().Where(a => a.Id == vacancies[3].AgencyId).ExecuteUpdateAsync(u => u.SetProperty(a => a.LicenceStatus, LicenceStatus.Suspended)));
        try
        {
            var suspended = await adult.PostAsync(form, new FormUrlEncodedContent(new Dictionary<string, string> { ["Agree"] = "true", ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token) }));
            // The vacancy left the public list with the licence, so the form is gone.
            suspended.StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await adult.GetStringAsync("/me/matches")).ShouldNotContain(vacancies[3].Reference);
        }
        finally
        {
            await app.WithDbAsync(c => c.Set<Agency>().Where(a => a.Id == vacancies[3].AgencyId).ExecuteUpdateAsync(u => u.SetProperty(a => a.LicenceStatus, LicenceStatus.Valid)));
        }

        var written = await app.WithDbAsync(c => c.Set<JobApplication>().CountAsync(a => c.Set<Person>().Any(p => p.Id == a.PersonId && (p.Reference == youngRef || p.FamilyName == "Aliyev"))));
        written.ShouldBe(0);
        (await app.WithDbAsync(c => c.Set<Consent>().CountAsync(x => x.Purpose == ConsentPurpose.Application && c.Set<Person>().Any(p => p.Id == x.PersonId && p.FamilyName == "Aliyev")))).ShouldBe(0);
    }
}
