using Caravan.Core.Agencies;
using Caravan.Core.Cases;
using Caravan.Core.Data;
using Caravan.Core.Migrants;
using Caravan.Core.Reference;
using Caravan.Core.Statistics;
using Caravan.Core.Vacancies;
using Caravan.Web.Tests.Infrastructure;
using Caravan.Web.Tests.Pages.Migrants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caravan.Web.Tests.Statistics;

/// <summary>
/// Every capability writes its facts in the same save as its record, with dimensions and never a person; the fold is
/// idempotent and a rebuild gives the same aggregates; the backfill writes what predates a fact kind, once.
/// </summary>
public class FactTests(StatisticsFixture fixture) : IClassFixture<StatisticsFixture>
{
    private static async Task<List<Fact>> FactsSinceAsync(CaravanApp app, DateTime since) =>
        await app.WithDbAsync(db => db.Set<Fact>().AsNoTracking().Where(f => f.RecordedAt >= since).ToListAsync());

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Agencies_vacancies_inspections_and_tips_write_their_facts(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var since = DateTime.UtcNow.AddSeconds(-1);
        var (agencyId, vacancyAgency, vacancyReference, vacancyDestination) = await app.WithDbAsync(async ctx =>
        {
            var agency = await ctx.Set<Agency>().FirstAsync(a => a.LicenceStatus == LicenceStatus.Valid);
            var vacancy = await ctx.Set<Vacancy>().FirstAsync(v => v.Status == VacancyStatus.Published);
            return (agency.Id, vacancy.AgencyId, vacancy.Reference, vacancy.DestinationCountry);
        });
        var officerId = await app.WithDbAsync(ctx => ctx.Users.Where(u => u.Email == DemoAccounts.OfficerEmail).Select(u => u.Id).SingleAsync());
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await app.WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<InspectionCommands>().RecordAsync(agencyId, officerId,
                new InspectionInput(today.AddDays(-1), "Fees taken in cash.", ["FEE", "CONTRACT"], ProposedSanction.Warning, today.AddDays(10)));
            var licensing = sp.GetRequiredService<LicensingCommands>();
            var agency = await sp.GetRequiredService<CaravanDbContext>().Set<Agency>().SingleAsync(a => a.Id == agencyId);
            (await licensing.SuspendAsync(agency, officerId, today.AddDays(30), "Fees taken")).ShouldBe(LicensingResult.Done);
            (await sp.GetRequiredService<VacancyCommands>().CloseAsync(vacancyAgency, vacancyReference, "Filled")).ShouldBe(CloseVacancyResult.Closed);
            await sp.GetRequiredService<CaseIntake>().OpenAsync(
                new CaseReport(CaseCategory.DocumentRetention, [ForcedLabourIndicator.DocumentRetention, ForcedLabourIndicator.WithheldWages], "KZ", "Shymkent", null, null, "They keep our passports.", Guid.NewGuid(), "ru"),
                CaseChannel.Anonymous, null, null);
            return 0;
        });

        var facts = await FactsSinceAsync(app, since);
        facts.Single(f => f.Kind == FactKind.Inspection).ShouldSatisfyAllConditions(
            f => f.AgencyId.ShouldBe(agencyId), f => f.Detail.ShouldBe("Violation"), f => f.Date.ShouldBe(today.AddDays(-1)));
        facts.Single(f => f.Kind == FactKind.Sanction).Detail.ShouldBe("Warning");
        var fee = facts.Single(f => f.Kind == FactKind.FeeViolation);
        fee.Detail.ShouldBe(FactWriter.FromInspection);
        fee.Outcome.ShouldBe("FEE");
        facts.Single(f => f.Kind == FactKind.Licence).ShouldSatisfyAllConditions(f => f.Detail.ShouldBe("Suspended"), f => f.AgencyId.ShouldBe(agencyId));
        facts.Single(f => f.Kind == FactKind.VacancyClosed).ShouldSatisfyAllConditions(f => f.AgencyId.ShouldBe(vacancyAgency), f => f.Destination.ShouldBe(vacancyDestination));
        facts.Single(f => f.Kind == FactKind.TipReceived).ShouldSatisfyAllConditions(f => f.Detail.ShouldBe("DocumentRetention"), f => f.Destination.ShouldBe("KZ"), f => f.Sex.ShouldBeNull());
        facts.Where(f => f.Kind == FactKind.CaseIndicator).Select(f => f.Detail).Order().ShouldBe(["DocumentRetention", "WithheldWages"]);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_departure_counts_its_recruitment_cost_at_the_rate_of_the_day_paid_and_its_return_ends_the_stay(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var phone = db == DatabaseProvider.Sqlite ? "+998901190001" : "+998901190002";
        var reference = await Registration.RegisterAsync(app, app.EnglishBrowser(), phone, new("Dilnoza", "Karimova", null, new DateOnly(1994, 2, 3), "Female", db == DatabaseProvider.Sqlite ? "AD1190001" : "AD1190002", "UZ-FA"));
        var since = DateTime.UtcNow.AddSeconds(-1);
        var left = new DateOnly(2026, 6, 15);
        await app.WithScopeAsync(async sp =>
        {
            var ctx = sp.GetRequiredService<CaravanDbContext>();
            // The sum was paid in March, when 12,500 sum bought a dollar; by June it was 12,000.
            ctx.AddRange(
                new ExchangeRateHistory { Currency = "UZS", AsOf = new DateOnly(2026, 1, 1), UnitsPerUsd = 12_500m, Source = "test" },
                new ExchangeRateHistory { Currency = "UZS", AsOf = new DateOnly(2026, 6, 1), UnitsPerUsd = 12_000m, Source = "test" });
            await ctx.SaveChangesAsync();
            var person = await ctx.Set<Person>().SingleAsync(p => p.Reference == reference);
            var agency = await ctx.Set<Agency>().FirstAsync(a => a.LicenceStatus == LicenceStatus.Valid);
            var journeys = sp.GetRequiredService<JourneyCommands>();
            var departure = await journeys.RecordDepartureAsync(person, new DepartureInput("KZ", "Almaty", false, agency.Id, null, "Almaty Agro", "6111",
                800m, "USD", 40, 12, [new DepartureCost { Item = "Agency fee", Amount = 1_250_000m, Currency = "UZS", PaidOn = new DateOnly(2026, 3, 1) },
                    new DepartureCost { Item = "Ticket", Amount = 100m, Currency = "USD" }], left), RecordedBy.Officer, null);
            await journeys.RecordReturnAsync(person, [person.Id], left.AddMonths(3), ReturnReason.ContractEnded, "KZ", RecordedBy.Officer, null);
            return departure.Id;
        });

        var facts = await FactsSinceAsync(app, since);
        var cost = facts.Single(f => f.Kind == FactKind.RecruitmentCost);
        cost.Amount.ShouldBe(200m); // 1,250,000 / 12,500 + 100
        cost.Earnings.ShouldBe(800m);
        cost.Destination.ShouldBe("KZ");
        cost.Sex.ShouldBe("F");
        cost.RegionOfOrigin.ShouldBe("UZ-FA");
        facts.Single(f => f.Kind == FactKind.Placement).Destination.ShouldBe("KZ");
        facts.Single(f => f.Kind == FactKind.FeeViolation).Detail.ShouldBe(FactWriter.FromContract);
        var ended = facts.Single(f => f.Kind == FactKind.StayEnded);
        ended.Destination.ShouldBe("KZ");
        ended.IscoGroup.ShouldBe("6");
        ended.Date.ShouldBe(left.AddMonths(3));

        // Folded, the worker's cost is a quarter of a month's earnings.
        await app.WithScopeAsync(sp => sp.GetRequiredService<StatisticsFolder>().FoldAsync());
        var cell = await app.WithDbAsync(ctx => ctx.Set<StatCell>().SingleAsync(c => c.Indicator == "recruitment_cost" && c.Month == 202606 && c.Sex == "F" && c.Destination == "KZ"));
        cell.Contributors.ShouldBe(1);
        cell.Value.ShouldBe(0.25m);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_second_fold_changes_nothing_and_a_rebuild_gives_the_same_cells(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        await app.WithScopeAsync(async sp =>
        {
            var ctx = sp.GetRequiredService<CaravanDbContext>();
            ctx.AddRange(Enumerable.Range(0, 30).Select(i => new Fact
            {
                Kind = i % 3 == 0 ? FactKind.CaseClosed : FactKind.Departure,
                Date = new DateOnly(2018, 1 + (i % 12), 5),
                Sex = i % 2 == 0 ? "F" : "M",
                AgeBand = "30-34",
                Destination = "RU",
                Outcome = "Resolved",
                Detail = "UnpaidWages",
                DaysToClose = i,
                RecordedAt = DateTime.UtcNow,
            }));
            await ctx.SaveChangesAsync();
            return 0;
        });
        var folder = (Func<Func<StatisticsFolder, Task<FoldResult>>, Task<FoldResult>>)(f => app.WithScopeAsync(sp => f(sp.GetRequiredService<StatisticsFolder>())));
        var first = await folder(f => f.FoldAsync());
        first.Facts.ShouldBeGreaterThanOrEqualTo(30);
        var cells = await SnapshotAsync(app);
        var second = await folder(f => f.FoldAsync());
        second.Facts.ShouldBe(0);
        second.Version.ShouldBe(first.Version);
        (await SnapshotAsync(app)).ShouldBe(cells);

        var rebuilt = await folder(f => f.RebuildAsync());
        rebuilt.Version.ShouldBe(first.Version + 1);
        (await SnapshotAsync(app)).ShouldBe(cells);
        cells.ShouldContain(c => c.StartsWith("days_to_resolution|201801|", StringComparison.Ordinal));
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task The_backfill_writes_the_facts_of_records_older_than_their_kind_once(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var count = () => app.WithDbAsync(ctx => ctx.Set<Fact>().CountAsync(f => f.Kind == FactKind.VacancyPublished));
        var published = await app.WithDbAsync(ctx => ctx.Set<Vacancy>().CountAsync(v => v.PublishedAt != null));
        published.ShouldBeGreaterThan(0);
        // As on a node that published vacancies before this kind existed: no facts, and a kind introduced after them.
        await app.WithDbAsync(async ctx =>
        {
            await ctx.Set<Fact>().Where(f => f.Kind == FactKind.VacancyPublished).ExecuteDeleteAsync();
            return await ctx.Set<FactKindStatus>().Where(s => s.Kind == FactKind.VacancyPublished)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.IntroducedAt, DateTime.UtcNow.AddMinutes(1)).SetProperty(s => s.BackfilledAt, (DateTime?)null));
        });
        (await count()).ShouldBe(0);
        // That node's aggregates never had those facts either (a demo node folds its seeded facts as it starts).
        await app.WithScopeAsync(sp => sp.GetRequiredService<StatisticsFolder>().RebuildAsync());

        var results = await app.WithScopeAsync(sp => sp.GetRequiredService<FactBackfill>().RunAsync());
        results.Single(r => r.Kind == FactKind.VacancyPublished).ShouldBe(new BackfillResult(FactKind.VacancyPublished, published, false));
        results.Where(r => r.Kind != FactKind.VacancyPublished).ShouldAllBe(r => r.AlreadyDone && r.Written == 0);
        (await count()).ShouldBe(published);

        var again = await app.WithScopeAsync(sp => sp.GetRequiredService<FactBackfill>().RunAsync());
        again.ShouldAllBe(r => r.AlreadyDone && r.Written == 0);
        (await count()).ShouldBe(published);
    }

    private static async Task<List<string>> SnapshotAsync(CaravanApp app) =>
        [.. (await app.WithDbAsync(ctx => ctx.Set<StatCell>().AsNoTracking().ToListAsync()))
            .Select(c => string.Join('|', c.Indicator, c.Month, c.Sex, c.AgeBand, c.Region, c.Destination, c.Occupation, c.Agency, c.Category, c.Contributors, c.Value / 1.000000000000m, c.Largest / 1.000000000000m))
            .Order(StringComparer.Ordinal)];
}
