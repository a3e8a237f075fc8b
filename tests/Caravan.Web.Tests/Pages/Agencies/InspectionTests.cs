using System.Globalization;
using System.Net;
using Caravan.Core.Agencies;
using Caravan.Core.Data;
using Caravan.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caravan.Web.Tests.Pages.Agencies;

/// <summary>Inspections with violations and proposed sanctions, published on the agency page, and the scorecard built from them.</summary>
public class InspectionTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static readonly string Fergana = ReferenceCode.Create(AgencyQueries.LicencePrefix, 102);

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task An_inspection_is_published_without_its_findings_and_counted_on_the_scorecard_as_fewer_than_five(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var officer = app.EnglishBrowser();
        await officer.SignInStaffAsync(DemoAccounts.OfficerEmail);
        var page = $"/officer/licensing/agencies/{Fergana}/inspections/new";
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        var bad = await officer.PostFormAsync(page, new Dictionary<string, string>
        {
            ["InspectedOn"] = Iso(today.AddDays(3)),
            ["Findings"] = "",
            ["Sanction"] = "Warning",
        });
        bad.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await bad.TextAsync();
        text.ShouldContain("it cannot be in the future");
        text.ShouldContain("Write the findings");
        text.ShouldContain("A sanction can only be proposed for a violation");

        var noDeadline = await officer.PostFormAsync(page, new Dictionary<string, string>
        {
            ["InspectedOn"] = Iso(today),
            ["Findings"] = "Worker Aziz R. paid 300 USD to the manager.",
            ["Violations"] = "FEE",
            ["Sanction"] = "Suspension",
        });
        (await noDeadline.TextAsync()).ShouldContain("Enter a deadline after today");
        (await app.WithDbAsync(ctx => ctx.Set<Inspection>().CountAsync())).ShouldBe(0);

        var form = new FormUrlEncodedContent(
        [
            new("InspectedOn", Iso(today.AddDays(-2))),
            new("Findings", "Worker Aziz R. paid 300 USD to the manager; contracts only in Turkish."),
            new("Violations", "FEE"),
            new("Violations", "CONTRACT"),
            new("Sanction", "Suspension"),
            new("ResponseDeadline", Iso(today.AddDays(14))),
        ]);
        var html = await (await officer.GetAsync(page)).Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var fields = (await form.ReadAsStringAsync()) + "&__RequestVerificationToken=" + Uri.EscapeDataString(WebUtility.HtmlDecode(token));
        var recorded = await officer.PostAsync(page, new StringContent(fields, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));
        recorded.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var officerView = await (await officer.GetAsync($"/officer/licensing/agencies/{Fergana}")).TextAsync();
        officerView.ShouldContain("Worker Aziz R. paid 300 USD");
        var publicView = await (await app.EnglishBrowser().GetAsync($"/agencies/{Fergana}")).TextAsync();
        publicView.ShouldContain("Fees charged to workers");
        publicView.ShouldContain("No written contract in a language the worker reads");
        publicView.ShouldContain("Suspension of the licence");
        publicView.ShouldNotContain("Aziz");

        await app.WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<ScorecardJob>().RunAsync(CancellationToken.None);
            return 0;
        });
        var card = await app.WithDbAsync(ctx => ctx.Set<AgencyScorecard>().SingleAsync(s => ctx.Set<Agency>().Any(a => a.Id == s.AgencyId && a.LicenceNumber == Fergana)));
        card.Inspections.ShouldBe(1);
        card.InspectionsWithViolations.ShouldBe(1);
        card.FeeViolations.ShouldBe(1);
        card.Sanctions.ShouldBe(1);
        card.VacanciesPublished.ShouldBe(10);
        card.PeriodEnd.ShouldBe(today);
        card.PositionsFilled.ShouldBe(0);

        publicView = await (await app.EnglishBrowser().GetAsync($"/agencies/{Fergana}")).TextAsync();
        publicView.ShouldContain("fewer than 5");
        publicView.ShouldNotContain(">1<");
        publicView.ShouldContain("No workers placed in the period");
        publicView.ShouldContain("Figures for ");
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task The_administrator_extends_and_retires_violation_types(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var admin = app.EnglishBrowser();
        await admin.SignInStaffAsync(DemoAccounts.AdminEmail);
        var code = "OT" + Random.Shared.Next(1000, 9999).ToString(CultureInfo.InvariantCulture);
        (await (await admin.PostFormAsync("/admin/violations", new Dictionary<string, string> { ["Code"] = "a b", ["Title"] = "" }, "/admin/violations?handler=Add")).TextAsync())
            .ShouldContain("Enter a code of 2 to 20 letters");
        (await admin.PostFormAsync("/admin/violations", new Dictionary<string, string> { ["Code"] = code, ["Title"] = "Unpaid overtime", ["Severity"] = "Serious" }, "/admin/violations?handler=Add"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var officer = app.EnglishBrowser();
        await officer.SignInStaffAsync(DemoAccounts.OfficerEmail);
        var form = $"/officer/licensing/agencies/{Fergana}/inspections/new";
        (await (await officer.GetAsync(form)).TextAsync()).ShouldContain("Unpaid overtime");
        (await admin.PostFormAsync("/admin/violations", new Dictionary<string, string>(), $"/admin/violations?handler=Toggle&code={code}&active=false"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await (await officer.GetAsync(form)).TextAsync()).ShouldNotContain("Unpaid overtime");
    }

    [Fact]
    public async Task The_scorecard_method_is_public()
    {
        var response = await fixture.Get(DatabaseProvider.Sqlite).EnglishBrowser().GetAsync("/agencies/scorecards");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.TextAsync()).ShouldContain("is shown as \"fewer than 5\"");
    }
}
