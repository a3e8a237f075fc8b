using System.Globalization;
using System.Net;
using Caravan.Core.Data;
using Caravan.Core.Migrants;
using Caravan.Core.Statistics;
using Caravan.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Web.Tests.Pages.Migrants;

/// <summary>Departures and returns: contract check flags, facts for statistics and the migrant's timeline.</summary>
public class JourneyTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static string S(int n) => n.ToString(CultureInfo.InvariantCulture);

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_departure_with_a_fee_is_flagged_counted_and_closed_by_the_return(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var migrant = app.EnglishBrowser();
        var reference = await Registration.RegisterAsync(app, migrant, "+998901120001",
            new("Jasur", "Toshmatov", null, new DateOnly(1996, 5, 20), "Male", "AD5556667"));
        var person = await app.WithDbAsync(ctx => ctx.Set<Person>().SingleAsync(p => p.Reference == reference));
        var before = await app.WithDbAsync(ctx => ctx.Set<Fact>().CountAsync());

        var bad = await migrant.PostFormAsync("/me/departure", new Dictionary<string, string>
        {
            ["Form.Independent"] = "no",
            ["Form.AgencyLicence"] = "LIC-0000000",
            ["Form.Wage"] = "-5",
            ["Form.HoursPerWeek"] = "500",
        });
        bad.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await bad.TextAsync();
        text.ShouldContain("Enter the licence number of a registered agency");
        text.ShouldContain("Choose the country of work");
        text.ShouldContain("Enter the monthly wage as a number greater than 0");
        text.ShouldContain("Enter working hours per week, from 1 to 100");
        text.ShouldContain("Enter a real date");
        (await app.WithDbAsync(ctx => ctx.Set<Departure>().CountAsync(d => d.PersonId == person.Id))).ShouldBe(0);

        var left = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-60);
        var ok = await migrant.PostFormAsync("/me/departure", new Dictionary<string, string>
        {
            ["Form.Independent"] = "yes",
            ["Form.Destination"] = "KR",
            ["Form.City"] = "Incheon",
            ["Form.EmployerName"] = "Hanil Steel",
            ["Form.Occupation"] = "7212",
            ["Form.Wage"] = "2100000",
            ["Form.Currency"] = "KRW",
            ["Form.HoursPerWeek"] = "48",
            ["Form.ContractMonths"] = "36",
            ["Form.Costs[0].Item"] = "Placement fee",
            ["Form.Costs[0].Amount"] = "300",
            ["Form.Costs[0].Currency"] = "USD",
            ["Form.DateDay"] = S(left.Day),
            ["Form.DateMonth"] = S(left.Month),
            ["Form.DateYear"] = S(left.Year),
        });
        ok.Headers.Location!.ToString().ShouldBe("/me");
        var departure = await app.WithDbAsync(ctx => ctx.Set<Departure>().SingleAsync(d => d.PersonId == person.Id));
        departure.Costs.Single().Amount.ShouldBe(300m);
        departure.ContractFlags.ShouldContain(f => f.StartsWith("FeesCharged", StringComparison.Ordinal));
        var me = await (await migrant.GetAsync("/me")).TextAsync();
        me.ShouldContain("Abroad for work");
        me.ShouldContain("left for South Korea, Incheon");
        me.ShouldContain("Placement fee");

        var back = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
        (await (await migrant.GetAsync("/me/return")).TextAsync()).ShouldContain("value=\"KR\" selected");
        var future = await migrant.PostFormAsync("/me/return", new Dictionary<string, string>
        {
            ["Form.DateDay"] = "1",
            ["Form.DateMonth"] = "1",
            ["Form.DateYear"] = S(DateTime.UtcNow.Year + 1),
            ["Form.CountryFrom"] = "KR",
        });
        text = await future.TextAsync();
        text.ShouldContain("Enter a return date that is not in the future");
        text.ShouldContain("Choose why you returned");
        var returned = await migrant.PostFormAsync("/me/return", new Dictionary<string, string>
        {
            ["Form.DateDay"] = S(back.Day),
            ["Form.DateMonth"] = S(back.Month),
            ["Form.DateYear"] = S(back.Year),
            ["Form.Reason"] = "EndedByEmployer",
            ["Form.CountryFrom"] = "KR",
        });
        returned.Headers.Location!.ToString().ShouldBe("/me");
        var entry = await app.WithDbAsync(ctx => ctx.Set<PersonReturn>().SingleAsync(r => r.PersonId == person.Id));
        entry.DepartureId.ShouldBe(departure.Id);
        me = await (await migrant.GetAsync("/me")).TextAsync();
        me.ShouldContain("In the home country");
        me.ShouldContain("returned from South Korea");
        me.ShouldContain("The employer ended the contract early");
        me.IndexOf("returned from", StringComparison.Ordinal).ShouldBeLessThan(me.IndexOf("left for", StringComparison.Ordinal));

        var facts = await app.WithDbAsync(ctx => ctx.Set<Fact>().OrderBy(f => f.RecordedAt).Skip(before).ToListAsync());
        var dep = facts.Single(f => f.Kind == FactKind.Departure && f.Destination == "KR" && f.Date == left);
        dep.Sex.ShouldBe("M");
        dep.AgeBand.ShouldBe(Fact.AgeBandOf(new DateOnly(1996, 5, 20), left));
        dep.RegionOfOrigin.ShouldBe("UZ-SA");
        dep.IscoGroup.ShouldBe("7");
        dep.AgencyId.ShouldBeNull();
        var ret = facts.Single(f => f.Kind == FactKind.Return && f.Date == back && f.Destination == "KR");
        ret.Detail.ShouldBe("EndedByEmployer");
        ret.IscoGroup.ShouldBe("7");
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task An_officer_records_a_departure_through_a_licensed_agency(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var reference = await Registration.RegisterAsync(app, app.EnglishBrowser(), "+998901120002",
            new("Nodira", "Ergasheva", null, new DateOnly(2001, 11, 2), "Female", "AE1212123"));
        var licence = await app.WithDbAsync(ctx => ctx.Set<Caravan.Core.Agencies.Agency>().Where(a => a.LicenceNumber != null).OrderBy(a => a.LicenceNumber).Select(a => a.LicenceNumber!).FirstAsync());
        var officer = app.EnglishBrowser();
        await officer.SignInStaffAsync(DemoAccounts.OfficerEmail);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var saved = await officer.PostFormAsync($"/officer/persons/{reference}/departure", new Dictionary<string, string>
        {
            ["Form.Independent"] = "no",
            ["Form.AgencyLicence"] = licence.ToLowerInvariant(),
            ["Form.Destination"] = "RU",
            ["Form.City"] = "Kazan",
            ["Form.Wage"] = "80000",
            ["Form.Currency"] = "RUB",
            ["Form.HoursPerWeek"] = "40",
            ["Form.ContractMonths"] = "12",
            ["Form.DateDay"] = S(today.Day),
            ["Form.DateMonth"] = S(today.Month),
            ["Form.DateYear"] = S(today.Year),
        });
        saved.Headers.Location!.ToString().ShouldBe($"/officer/persons/{reference}");
        var departure = await app.WithDbAsync(ctx => ctx.Set<Departure>().SingleAsync(d => ctx.Set<Person>().Any(p => p.Id == d.PersonId && p.Reference == reference)));
        departure.RecordedBy.ShouldBe(RecordedBy.Officer);
        departure.AgencyId.ShouldNotBeNull();
        departure.Independent.ShouldBeFalse();
        (await app.WithDbAsync(ctx => ctx.Set<Fact>().CountAsync(f => f.Kind == FactKind.Departure && f.AgencyId == departure.AgencyId && f.Sex == "F"))).ShouldBeGreaterThanOrEqualTo(1);
        (await (await officer.GetAsync($"/officer/persons/{reference}")).TextAsync()).ShouldContain("Abroad for work");
    }
}
