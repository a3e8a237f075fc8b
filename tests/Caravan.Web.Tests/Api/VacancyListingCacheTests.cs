using System.Net;
using System.Net.Http.Json;
using Caravan.Core.Agencies;
using Caravan.Core.Data;
using Caravan.Core.Reference;
using Caravan.Core.Vacancies;
using Caravan.Web.Api;
using Caravan.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Caravan.Web.Tests.Api;

/// <summary>
/// The public list is served from memory under the listing stamp it was read with: a change made through the app
/// shows at once, a change by another replica (the stamp written, nothing marked here) within a second, and a change
/// to anything the list does not show leaves the stamp alone.
/// </summary>
public class VacancyListingCacheTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static Task<Guid> StampAsync(CaravanApp app) =>
        app.WithDbAsync(ctx => ctx.Set<ListingStamp>().AsNoTracking().Select(s => s.Value).SingleAsync());

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_save_that_changes_what_the_list_shows_writes_a_new_stamp_and_another_save_does_not(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var before = await StampAsync(app);
        await app.WithDbAsync(async ctx =>
        {
            var wage = await ctx.Set<MinimumWage>().FirstAsync();
            wage.Source += ".";
            return await ctx.SaveChangesAsync();
        });
        (await StampAsync(app)).ShouldBe(before);

        await app.WithDbAsync(async ctx =>
        {
            var employer = await ctx.Set<ForeignEmployer>().FirstAsync();
            employer.Name += " LLC";
            return await ctx.SaveChangesAsync();
        });
        var afterEmployer = await StampAsync(app);
        afterEmployer.ShouldNotBe(before);

        await app.WithDbAsync(async ctx =>
        {
            var translation = await ctx.Set<VacancyTranslation>().FirstAsync();
            translation.Title += ".";
            return await ctx.SaveChangesAsync();
        });
        (await StampAsync(app)).ShouldNotBe(afterEmployer);

        // The stamp is bookkeeping: no audit entry names it.
        (await app.WithDbAsync(ctx => ctx.Set<Caravan.Core.Audit.AuditEntry>().CountAsync(e => e.EntityType == nameof(ListingStamp)))).ShouldBe(0);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_closed_vacancy_and_a_suspended_agency_leave_the_cached_list_at_once(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var client = app.CreateClient();
        // Two published vacancies of one licensed agency in one destination: one is closed, then the agency suspended.
        var (reference, other, agencyId, destination) = await app.WithDbAsync(async ctx =>
        {
            var pair = await ctx.Set<Vacancy>().AsNoTracking().Where(v => v.Status == VacancyStatus.Published && v.Agency!.LicenceStatus == LicenceStatus.Valid)
                .GroupBy(v => new { v.AgencyId, v.DestinationCountry }).Where(g => g.Count() >= 2)
                .Select(g => new { g.Key.AgencyId, g.Key.DestinationCountry, First = g.Min(v => v.Reference), Last = g.Max(v => v.Reference) }).FirstAsync();
            return (pair.First!, pair.Last!, pair.AgencyId, pair.DestinationCountry);
        });
        async Task<List<string>> ListedAsync() =>
            [.. (await client.GetFromJsonAsync<VacancyPageDto>($"/api/v1/vacancies?destination={destination}&pageSize=100"))!.Items.Select(i => i.Reference)];

        (await ListedAsync()).ShouldContain(reference);
        (await ListedAsync()).ShouldContain(other);

        await app.WithScopeAsync(sp => sp.GetRequiredService<VacancyCommands>().CloseAsync(agencyId, other, "All positions filled"));
        var afterClose = await ListedAsync();
        afterClose.ShouldNotContain(other);
        afterClose.ShouldContain(reference);

        await app.WithDbAsync(async ctx =>
        {
            var agency = await ctx.Set<Agency>().SingleAsync(a => a.Id == agencyId);
            agency.LicenceStatus = LicenceStatus.Suspended;
            return await ctx.SaveChangesAsync();
        });
        (await ListedAsync()).ShouldNotContain(reference);
        (await client.GetAsync($"/vacancies?destination={destination}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetStringAsync($"/vacancies?destination={destination}")).ShouldNotContain(reference);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_stamp_written_by_another_replica_is_read_within_a_second(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var cache = new VacancyListingCache(clock);
        var searches = 0;
        Task<PagedResult<VacancyListItem>> Search()
        {
            searches++;
            return Task.FromResult(new PagedResult<VacancyListItem>([], 1, 20, searches));
        }

        Task<PagedResult<VacancyListItem>> Read() => app.WithDbAsync(ctx => cache.GetOrAddAsync(ctx, "welder", Search, CancellationToken.None));

        (await Read()).Total.ShouldBe(1);
        (await Read()).Total.ShouldBe(1);

        // Marked here, but nothing changed: the stamp read again is the same, and so is the page.
        cache.MarkChanged();
        (await Read()).Total.ShouldBe(1);

        // Another replica's save: the stamp changes in the database, and this process is not told.
        // SQLite holds a Guid as upper-case text (EF Core's mapping), PostgreSQL as uuid.
        var value = Guid.NewGuid();
        object stored = db == DatabaseProvider.Sqlite ? value.ToString().ToUpperInvariant() : value;
        await app.WithDbAsync(ctx => ctx.Database.ExecuteSqlInterpolatedAsync($"UPDATE listing_stamp SET value = {stored} WHERE id = 1"));
        (await Read()).Total.ShouldBe(1);
        clock.Advance(VacancyListingCache.StampLifetime - TimeSpan.FromMilliseconds(1));
        (await Read()).Total.ShouldBe(1);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        (await Read()).Total.ShouldBe(2);
        (await Read()).Total.ShouldBe(2);
        searches.ShouldBe(2);
    }
}
