using System.Collections.Concurrent;
using Caravan.Core.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Caravan.Web.Tests.Infrastructure;

/// <summary>
/// Migrated and seeded databases kept as templates for the rest of a test run, one per engine and settings. A new
/// test database is a copy: PostgreSQL's CREATE DATABASE … TEMPLATE, or a copy of the SQLite file. The copy holds what
/// a fresh start would have written, so the app's own start on it (migrations, seeding) finds nothing left to do.
/// </summary>
public static class TestDatabaseTemplates
{
    private static readonly ConcurrentDictionary<string, Lazy<string>> Templates = new(StringComparer.Ordinal);

    public static string Clone(DatabaseProvider provider, string key, Func<string> makeTemplate)
    {
        ArgumentNullException.ThrowIfNull(makeTemplate);
        var template = Templates.GetOrAdd(key, _ => new Lazy<string>(() => Seal(provider, makeTemplate()))).Value;
        var target = CaravanApp.NewDatabase(provider);
        if (provider == DatabaseProvider.Sqlite)
        {
            File.Copy(new SqliteConnectionStringBuilder(template).DataSource, new SqliteConnectionStringBuilder(target).DataSource);
            return target;
        }

        var name = new NpgsqlConnectionStringBuilder(target).Database!;
        var source = new NpgsqlConnectionStringBuilder(template).Database!;
        using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(template) { Database = "postgres", Pooling = false }.ToString());
        admin.Open();
        using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE \"{source}\"", admin);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                create.ExecuteNonQuery();
                return target;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 20)
            {
                // Another copy of the same template is being made at this moment.
                Thread.Sleep(100 * attempt);
            }
        }
    }

    /// <summary>Closes every pooled connection to the template, which a copy needs, and folds SQLite's write-ahead log into the file.</summary>
    private static string Seal(DatabaseProvider provider, string template)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            using (var connection = new SqliteConnection(template))
            {
                connection.Open();
                using var checkpoint = new SqliteCommand("PRAGMA wal_checkpoint(TRUNCATE)", connection);
                checkpoint.ExecuteNonQuery();
                SqliteConnection.ClearPool(connection);
            }

            return template;
        }

        using (var pooled = new NpgsqlConnection(template))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        return template;
    }
}
