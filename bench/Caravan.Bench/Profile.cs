using System.Diagnostics;
using Caravan.Core.Data;
using Caravan.Core.Reference;
using Caravan.Core.Vacancies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Caravan.Bench;

/// <summary>
/// Times the search in process, without HTTP, to tell database time from the rest of a request: the whole search
/// (count and first page), its parts, and the cheapest query through the same DbContext, each averaged over many
/// sequential runs after a warm-up, on a fresh DbContext per run as the web app has.
/// </summary>
internal static class Profile
{
    private const int Runs = 2000;

    public static async Task RunAsync(BenchDatabase database)
    {
        using var cache = new MemoryCache(new MemoryCacheOptions());
        var filter = new VacancyFilter("KR", "7", 1, 20) { Query = "welder" };
        await TimeAsync("SELECT 1 on a pooled ADO.NET connection, no EF", async () =>
        {
            await using var connection = database.Provider == Caravan.Core.Data.DatabaseProvider.Sqlite
                ? (System.Data.Common.DbConnection)new Microsoft.Data.Sqlite.SqliteConnection(database.ConnectionString)
                : new Npgsql.NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync();
        });
        await using (var shared = database.NewContext())
        {
            await TimeAsync("SELECT 1 through one DbContext reused", async () => await shared.Database.SqlQueryRaw<int>("SELECT 1 AS \"Value\"").SingleAsync());
            await TimeAsync("COUNT(*) of agencies through one DbContext reused", async () => await shared.Set<Caravan.Core.Agencies.Agency>().CountAsync());
            var compiled = EF.CompileAsyncQuery((Caravan.Core.Data.CaravanDbContext c) => c.Set<Caravan.Core.Agencies.Agency>().Count());
            await TimeAsync("COUNT(*) of agencies, compiled query, one DbContext reused", async () => await compiled(shared));
        }

        await TimeAsync("A new DbContext, no query", async () =>
        {
            await using var db = database.NewContext();
            _ = db.Model;
        });
        var pooled = new Microsoft.EntityFrameworkCore.Infrastructure.PooledDbContextFactory<Caravan.Core.Data.CaravanDbContext>(database.NewOptions());
        await TimeAsync("SELECT 1 through a pooled DbContext", async () =>
        {
            await using var db = await pooled.CreateDbContextAsync();
            await db.Database.SqlQueryRaw<int>("SELECT 1 AS \"Value\"").SingleAsync();
        });
        await TimeAsync("SELECT 1 through a new DbContext (baseline)", async () =>
        {
            await using var db = database.NewContext();
            await db.Database.SqlQueryRaw<int>("SELECT 1 AS \"Value\"").SingleAsync();
        });
        await TimeAsync("ISCO titles matching the word, 7 languages (cached titles)", async () =>
        {
            await using var db = database.NewContext();
            await new Catalogue(db, cache).IscoUnitsMatchingAsync("welder");
        });
        await TimeAsync("Search: count and first page (text + destination + ISCO group)", async () =>
        {
            await using var db = database.NewContext();
            var catalogue = new Catalogue(db, cache);
            await Queries(db, catalogue, cache).PublishedAsync(filter);
        });
        await TimeAsync("Its text part alone: FTS5 token ids by a raw query through EF", async () =>
        {
            await using var db = database.NewContext();
            await db.Database.SqlQueryRaw<Guid>("SELECT v.id AS \"Value\" FROM vacancy_terms f JOIN vacancy v ON v.rowid = f.rowid WHERE vacancy_terms MATCH {0}", "\"kr_welder\" *").ToListAsync();
        });
        await TimeAsync("Its page alone: 20 published vacancies with agency and employer, newest first, no filter", async () =>
        {
            await using var db = database.NewContext();
            await db.Set<Vacancy>().AsNoTracking().Where(v => v.Status == VacancyStatus.Published)
                .OrderByDescending(v => v.PublishedAt).ThenBy(v => v.Id).Include(v => v.Agency).Include(v => v.Employer).Take(20).ToListAsync();
        });
        await TimeAsync("The same page without the includes", async () =>
        {
            await using var db = database.NewContext();
            await db.Set<Vacancy>().AsNoTracking().Where(v => v.Status == VacancyStatus.Published)
                .OrderByDescending(v => v.PublishedAt).ThenBy(v => v.Id).Take(20).ToListAsync();
        });
        await TimeAsync("Search without text: count and first page (destination + ISCO group)", async () =>
        {
            await using var db = database.NewContext();
            var catalogue = new Catalogue(db, cache);
            await Queries(db, catalogue, cache).PublishedAsync(filter with { Query = null });
        });
    }

    private static VacancyQueries Queries(CaravanDbContext db, Catalogue catalogue, IMemoryCache cache) =>
        new(db, TimeProvider.System, new VacancySearch(db, catalogue, new RateTable(db), cache, Options.Create(new VacancySearchOptions { MemoryLimit = 0 }), Listing, Snapshot, TimeProvider.System), Listing);

    // The profile is of the database's search at scale, which a node of that size uses.
    private static readonly VacancySearchSnapshot Snapshot = new(TimeProvider.System);

    // Profiled calls read PublishedAsync, which the list cache does not hold; it is here only to complete the queries.
    private static readonly VacancyListingCache Listing = new(TimeProvider.System);

    private static async Task TimeAsync(string label, Func<Task> run)
    {
        for (var i = 0; i < 50; i++)
        {
            await run();
        }

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Runs; i++)
        {
            await run();
        }

        Console.WriteLine($"{label}: {clock.Elapsed.TotalMilliseconds * 1000 / Runs:N0} µs per run ({Runs:N0} runs)");
    }
}
