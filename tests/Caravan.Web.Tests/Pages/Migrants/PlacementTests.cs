using System.Globalization;
using System.Net;
using Caravan.Core.Agencies;
using Caravan.Core.Data;
using Caravan.Core.Migrants;
using Caravan.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caravan.Web.Tests.Pages.Migrants;

/// <summary>An agency sees a person only with the person's consent for that agency, only the shared fields, and the view is logged.</summary>
public class PlacementTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static string S(int n) => n.ToString(CultureInfo.InvariantCulture);

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task An_agency_records_a_placement_only_under_the_workers_consent_and_it_counts_on_the_scorecard(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var migrant = app.EnglishBrowser();
        var born = new DateOnly(1997, 8, 9);
        var reference = await Registration.RegisterAsync(app, migrant, "+998901160001", new("Kamola", "Usmonova", null, born, "Female", "AK4443332"));
        var agencyUser = await app.WithDbAsync(ctx => ctx.Users.SingleAsync(u => u.Email == DemoAccounts.AgencyEmail));
        var agency = await app.WithDbAsync(ctx => ctx.Set<Agency>().SingleAsync(a => a.Id == agencyUser.AgencyId));
        var find = new Dictionary<string, string> { ["Reference"] = reference, ["BirthDay"] = S(born.Day), ["BirthMonth"] = S(born.Month), ["BirthYear"] = S(born.Year) };

        var staff = app.EnglishBrowser();
        await staff.SignInStaffAsync(DemoAccounts.AgencyEmail);
        const string page = "/dashboard/agency/placements";
        var noConsent = await (await staff.PostFormAsync(page, find, page + "?handler=Find")).TextAsync();
        noConsent.ShouldContain("has not agreed to share their profile with your agency");
        noConsent.ShouldNotContain("Usmonova");
        var wrongDate = await (await staff.PostFormAsync(page, new Dictionary<string, string>(find) { ["BirthDay"] = "10" }, page + "?handler=Find")).TextAsync();
        wrongDate.ShouldContain("No registered person has this number and date of birth");

        // The worker shares the profile with this one agency.
        var share = await migrant.PostFormAsync("/me/consents", new Dictionary<string, string> { ["Licence"] = agency.LicenceNumber! }, "/me/consents?handler=Share");
        share.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await (await migrant.GetAsync("/me/consents")).TextAsync()).ShouldContain(agency.Name);

        var found = await (await staff.PostFormAsync(page, find, page + "?handler=Find")).TextAsync();
        found.ShouldContain("Usmonova");
        found.ShouldNotContain("4443332");
        found.ShouldNotContain("+998901160001");
        var log = await (await migrant.GetAsync("/me/access-log")).TextAsync();
        log.ShouldContain("An agency recording your placement, with your consent");
        log.ShouldContain(agency.Name);

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var saved = await staff.PostFormAsync(page, new Dictionary<string, string>(find)
        {
            ["Form.Destination"] = "KR",
            ["Form.City"] = "Ansan",
            ["Form.Wage"] = "2000000",
            ["Form.Currency"] = "KRW",
            ["Form.HoursPerWeek"] = "40",
            ["Form.ContractMonths"] = "24",
            ["Form.DateDay"] = S(today.Day),
            ["Form.DateMonth"] = S(today.Month),
            ["Form.DateYear"] = S(today.Year),
            // A tampered form cannot record the placement for another agency.
            ["Form.Independent"] = "yes",
            ["Form.AgencyLicence"] = "LIC-0000000",
        }, page + "?handler=Save");
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var departure = await app.WithDbAsync(ctx => ctx.Set<Departure>().SingleAsync(d => ctx.Set<Person>().Any(p => p.Id == d.PersonId && p.Reference == reference)));
        departure.AgencyId.ShouldBe(agency.Id);
        departure.Independent.ShouldBeFalse();
        departure.RecordedBy.ShouldBe(RecordedBy.Agency);

        await app.WithScopeAsync(async sp => { await sp.GetRequiredService<ScorecardJob>().RunAsync(CancellationToken.None); return 0; });
        var card = await app.WithDbAsync(ctx => ctx.Set<AgencyScorecard>().SingleAsync(c => c.AgencyId == agency.Id));
        card.PositionsFilled.ShouldBe(1);
        card.CasesPer1000Placed.ShouldBe(0m);

        // Withdrawing the consent closes the profile to the agency at once.
        var consent = await app.WithDbAsync(ctx => ctx.Set<Consent>().SingleAsync(c => c.AgencyId == agency.Id && ctx.Set<Person>().Any(p => p.Id == c.PersonId && p.Reference == reference)));
        await migrant.PostFormAsync("/me/consents", new Dictionary<string, string>(), $"/me/consents?handler=Withdraw&id={consent.Id}");
        (await (await staff.PostFormAsync(page, find, page + "?handler=Find")).TextAsync()).ShouldContain("has not agreed");

        // Another agency never had consent.
        var other = app.EnglishBrowser();
        await other.SignInStaffAsync(DemoAccounts.OtherAgencyEmail);
        (await (await other.PostFormAsync(page, find, page + "?handler=Find")).TextAsync()).ShouldNotContain("Usmonova");
    }
}
