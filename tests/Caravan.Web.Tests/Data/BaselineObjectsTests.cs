using Caravan.Core.Data;
using Caravan.Core.Statistics;
using Caravan.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Web.Tests.Data;

/// <summary>
/// The squashed baseline (ADR 0007) carries the hand-written SQL of the migrations it replaced: the SQLite FTS5
/// vacancy index and its triggers, PostgreSQL's pg_trgm index and the partial text_pattern_ops name indexes, and the
/// fact kinds' status rows. A database from before the squash is refused with what to do, or, as a demo, made again.
/// </summary>
public sealed class BaselineObjectsTests
{
    private static async Task<List<string>> NamesAsync(CaravanApp app, string sql) =>
        await app.WithDbAsync(db => db.Database.SqlQueryRaw<string>(sql).ToListAsync());

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task The_baseline_creates_the_hand_written_search_objects(DatabaseProvider provider)
    {
        await using var app = new CaravanApp(provider, new Dictionary<string, string?> { ["Demo:Enabled"] = "false" });
        var migrations = await app.WithDbAsync(db => db.Database.GetAppliedMigrationsAsync());
        migrations.First().ShouldEndWith("_Baseline");

        if (provider == DatabaseProvider.Sqlite)
        {
            // The SearchTokens migration replaced the baseline's trigram index with a token index.
            (await NamesAsync(app, "SELECT name AS \"Value\" FROM sqlite_master WHERE name LIKE 'vacancy_fts%' OR name IN ('vacancy_terms', 'vacancy_terms_delete', 'vacancy_terms_insert', 'vacancy_terms_update') ORDER BY name"))
                .ShouldBe(["vacancy_terms", "vacancy_terms_delete", "vacancy_terms_insert", "vacancy_terms_update"]);
        }
        else
        {
            (await NamesAsync(app, "SELECT extname AS \"Value\" FROM pg_extension WHERE extname = 'pg_trgm'")).ShouldBe(["pg_trgm"]);
            var indexes = await NamesAsync(app, "SELECT indexdef AS \"Value\" FROM pg_indexes WHERE indexname IN ('ix_vacancies_search_key_trgm', 'ix_vacancies_search_terms', 'ix_person_family_key_prefix', 'ix_person_given_key_prefix') ORDER BY indexname");
            indexes.Count.ShouldBe(3);
            indexes[0].ShouldContain("text_pattern_ops");
            indexes[0].ShouldContain("WHERE");
            indexes[1].ShouldContain("text_pattern_ops");
            // The SearchTokens migration replaced the baseline's trigram index with a token index over published vacancies.
            indexes[2].ShouldContain("array_to_tsvector");
            indexes[2].ShouldContain("WHERE");
        }

        // The fact kinds an upgraded node would backfill; a fresh node has marked them done.
        (await app.WithDbAsync(db => db.Set<FactKindStatus>().CountAsync(s => s.BackfilledAt != null))).ShouldBe(12);
    }

    [Fact]
    public async Task A_database_from_before_the_squash_is_refused_with_what_to_do()
    {
        var connection = CaravanApp.NewDatabase(DatabaseProvider.Sqlite);
        await using (var sqlite = new SqliteConnection(connection))
        {
            await sqlite.OpenAsync();
            await using var create = sqlite.CreateCommand();
            create.CommandText = "CREATE TABLE \"__EFMigrationsHistory\" (migration_id TEXT PRIMARY KEY, product_version TEXT NOT NULL); "
                + "INSERT INTO \"__EFMigrationsHistory\" VALUES ('20261128012021_Foundation', '10.0.0');";
            await create.ExecuteNonQueryAsync();
        }

        await using var staging = new CaravanApp(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["Demo:Enabled"] = "false" }, environment: "Staging", connectionString: connection);
        var refused = Should.Throw<PreBaselineDatabaseException>(() => staging.Services);
        refused.Message.ShouldContain("-- migrate");

        // The demo, in Development, is simply made again.
        await using var demo = new CaravanApp(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["Demo:Enabled"] = "true" }, connectionString: connection);
        (await demo.WithDbAsync(db => db.Database.GetAppliedMigrationsAsync())).ShouldNotContain("20261128012021_Foundation");
        (await demo.WithDbAsync(db => db.Set<Caravan.Core.Agencies.Agency>().AnyAsync())).ShouldBeTrue();
    }
}
