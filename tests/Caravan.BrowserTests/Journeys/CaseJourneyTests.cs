using System.Text.RegularExpressions;
using Caravan.Core.Agencies;
using Caravan.Core.Cases;
using Caravan.Core.Data;
using Caravan.Core.Migrants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Caravan.BrowserTests.Journeys;

/// <summary>
/// Issue 5's "Done when", in the browser: a migrant in Russia reports in Kyrgyz that wages are unpaid and the passport
/// is held; the case is urgent, lands in the Moscow consulate's queue, breaches its SLA under a controlled clock and
/// escalates; the consul messages the migrant, records 1,200 USD recovered and closes it as substantiated; the agency's
/// scorecard changes; the migrant sees who opened the case. Then an anonymous tip is followed with its code. axe-core
/// checks every page.
/// </summary>
[Collection(nameof(BrowserJourneys))]
public class CaseJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_migrant_reports_in_Kyrgyz_the_consulate_escalates_resolves_and_the_agency_scorecard_changes()
    {
        var phone = "+998901180001"; // not const: a constant would reach the SQL, and the logs LeakTests reads, as a literal
        var app = fixture.App;
        var agency = await app.WithDbAsync(db => db.Set<Agency>().Where(a => a.LicenceNumber != null).OrderBy(a => a.LicenceNumber).FirstAsync());
        await RunScorecardsAsync();
        var before = await app.WithDbAsync(db => db.Set<AgencyScorecard>().AsNoTracking().SingleAsync(c => c.AgencyId == agency.Id));

        var migrant = await fixture.NewPageAsync();
        await SignIn.ByPhoneAsync(migrant, "ky", phone);
        // The migrant registered earlier (issue 4's journey covers the registration pages).
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<CaravanDbContext>();
            var registry = sp.GetRequiredService<RegistryCommands>();
            var user = await db.Users.SingleAsync(u => u.UserName == phone);
            var person = await registry.DraftForUserAsync(user.Id, phone, "ky");
            RegistryCommands.SetNames(person, "Нурлан", "Асанов", null);
            RegistryCommands.SetBirthDate(person, new DateOnly(1996, 7, 14));
            registry.SetDocument(person, "AC1180001");
            person.Sex = Sex.Male;
            person.Citizenship = "UZ";
            await registry.SaveAsync(person);
            await registry.CompleteAsync(person);
            return 0;
        });
        await migrant.GotoAsync("/me/cases");
        await migrant.InspectAsync("cases-mine-ky");
        await migrant.ClickAsync("main a[href='/me/cases/new']");
        await Assertions.Expect(migrant).ToHaveURLAsync(new Regex("/me/cases/new$"));
        await migrant.InspectAsync("cases-new-ky");

        // Sent empty, the form explains every problem in Kyrgyz.
        await migrant.ClickAsync("main form button[type=submit]");
        await migrant.WaitForSelectorAsync(".govuk-error-summary");
        (await migrant.GetAttributeAsync("html", "lang")).ShouldBe("ky");
        await migrant.InspectAsync("cases-new-errors-ky");

        await migrant.CheckAsync("#category-UnpaidWages");
        await migrant.CheckAsync("#indicator-WithheldWages");
        await migrant.CheckAsync("#indicator-DocumentRetention");
        await migrant.SelectOptionAsync("#Form-Country", "RU");
        await migrant.FillAsync("#Form-City", "Moscow");
        await migrant.FillAsync("#Form-Employer", "СтройМонтаж");
        await migrant.FillAsync("#Form-AgencyLicence", agency.LicenceNumber!);
        await migrant.FillAsync("#Form-Narrative", "Үч айдан бери айлык төлөнгөн жок, паспортумду иш берүүчү кармап турат.");
        await migrant.ClickAsync("main form button[type=submit]");
        await Assertions.Expect(migrant).ToHaveURLAsync(new Regex("/me/cases/CAS-\\d+$"));
        await migrant.InspectAsync("case-sent-ky");
        var reference = migrant.Url[(migrant.Url.LastIndexOf('/') + 1)..];

        var opened = await app.WithDbAsync(db => db.Set<LegalCase>().AsNoTracking().SingleAsync(c => c.Reference == reference));
        opened.Priority.ShouldBe(CasePriority.Urgent);
        var team = await app.WithDbAsync(db => db.Set<CaseTeam>().AsNoTracking().SingleAsync(t => t.Id == opened.TeamId));
        team.City.ShouldBe("Moscow");

        // A controlled clock, 25 hours on, with no first contact: the SLA job escalates to the supervisor.
        await app.WithScopeAsync(async sp =>
        {
            await ActivatorUtilities.CreateInstance<SlaJob>(sp, (TimeProvider)new FakeTimeProvider(opened.OpenedAt.AddHours(25))).RunAsync(CancellationToken.None);
            return 0;
        });
        var lead = await SignIn.StaffAsync(fixture, DemoAccounts.ConsularLeadEmail, "ru");
        await lead.GotoAsync("/cases/dashboard");
        await lead.InspectAsync("cases-dashboard-ru");
        (await lead.InnerTextAsync("#escalated ~ table")).ShouldContain(reference);

        // The consul takes the case from the queue, writes to the migrant and closes it with the money recovered.
        var consul = await SignIn.StaffAsync(fixture, DemoAccounts.ConsularEmail, "ru");
        await consul.GotoAsync("/cases");
        await consul.InspectAsync("cases-queue-ru");
        await consul.ClickAsync($"a[href='/cases/{reference}']");
        await Assertions.Expect(consul).ToHaveURLAsync(new Regex($"/cases/{reference}$"));
        await consul.InspectAsync("case-queue-row-ru");
        await consul.ClickAsync("form[action*='handler=Take'] button");
        await consul.WaitForSelectorAsync("#narrative");
        await consul.InspectAsync("case-file-ru");
        await consul.FillAsync("#Message", "Мы связались с работодателем. Пришлите, пожалуйста, фото договора.");
        await consul.ClickAsync("form[action*='handler=Message'] button");
        await consul.WaitForSelectorAsync("text=Пришлите, пожалуйста, фото договора.");
        await consul.CheckAsync("#Closing-Outcome-Resolved");
        await consul.CheckAsync("#Closing-Substantiated");
        await consul.FillAsync("#Closing-Amount", "1200");
        await consul.SelectOptionAsync("#Closing-Currency", "USD");
        await consul.ClickAsync("form[action*='handler=Close'] button");
        await consul.WaitForSelectorAsync("#case-status");
        await consul.InspectAsync("case-closed-ru");
        (await app.WithDbAsync(db => db.Set<LegalCase>().AsNoTracking().SingleAsync(c => c.Reference == reference))).Status.ShouldBe(CaseStatus.Closed);

        // The agency's scorecard counts the substantiated case and the money recovered.
        await RunScorecardsAsync();
        var after = await app.WithDbAsync(db => db.Set<AgencyScorecard>().AsNoTracking().SingleAsync(c => c.AgencyId == agency.Id));
        after.CasesSubstantiated.ShouldBe(before.CasesSubstantiated + 1);
        after.AmountRecoveredUsd.ShouldBe((before.AmountRecoveredUsd ?? 0) + 1200m);
        var record = await fixture.NewPageAsync("ky", 1024);
        await record.GotoAsync($"/agencies/{agency.LicenceNumber}?culture=ky");
        await record.InspectAsync("agency-scorecard-after-case-ky");

        // The migrant reads the message and sees who opened the case file.
        await migrant.GotoAsync($"/me/cases/{reference}");
        await migrant.InspectAsync("case-closed-migrant-ky");
        var view = await migrant.InnerTextAsync("main");
        view.ShouldContain("Пришлите, пожалуйста, фото договора.");
        (await migrant.InnerTextAsync("#opened-by ~ table")).ShouldContain("Demo Consular Officer");
    }

    [Fact]
    public async Task An_anonymous_tip_is_filed_and_followed_with_its_tracking_code()
    {
        var page = await fixture.NewPageAsync("kk");
        await page.GotoAsync("/report?culture=kk");
        await page.InspectAsync("tip-kk");
        await page.CheckAsync("#category-ViolenceAbuse");
        await page.SelectOptionAsync("#Form-Country", "KZ");
        await page.FillAsync("#Form-City", "Almaty");
        await page.FillAsync("#Form-Narrative", "Құрылыс алаңында жұмысшылар құлыптаулы жатақханада ұсталып отыр.");
        await page.ClickAsync("main form button[type=submit]");
        var code = (await page.InnerTextAsync("#tracking-code")).Trim();
        code.ShouldMatch("^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$");
        await page.InspectAsync("tip-sent-kk");
        page.Url.ShouldNotContain(code);

        await page.GotoAsync("/report/track");
        await page.InspectAsync("tip-track-kk");
        await page.FillAsync("#Code", code.ToLowerInvariant());
        await page.ClickAsync("main form button[type=submit]");
        await page.WaitForSelectorAsync("#tip-status");
        await page.InspectAsync("tip-status-kk");
        await page.FillAsync("#Message", "Жатақхана айналма жолдың солтүстігінде.");
        await page.ClickAsync("form[action*='handler=Reply'] button");
        await page.WaitForSelectorAsync(".govuk-notification-banner--success");
        await page.InspectAsync("tip-replied-kk");
        page.Url.ShouldNotContain(code);
    }

    private Task<int> RunScorecardsAsync() => fixture.App.WithScopeAsync(async sp =>
    {
        await sp.GetRequiredService<ScorecardJob>().RunAsync(CancellationToken.None);
        return 0;
    });
}
