using Caravan.Core.Data;
using Caravan.Core.Reference;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Caravan.Bench;

/// <summary>A fresh, migrated database for one run, dropped afterwards.</summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string? adminConnection;
    private readonly string? databaseName;
    private readonly string? file;

    private BenchDatabase(DatabaseProvider provider, string connectionString, string? adminConnection, string? databaseName, string? file)
    {
        Provider = provider;
        ConnectionString = connectionString;
        this.adminConnection = adminConnection;
        this.databaseName = databaseName;
        this.file = file;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public static async Task<BenchDatabase> CreateAsync(BenchOptions options)
    {
        BenchDatabase db;
        if (options.Provider == DatabaseProvider.Postgres)
        {
            var server = Environment.GetEnvironmentVariable("CARAVAN_BENCH_POSTGRES") ?? Environment.GetEnvironmentVariable("CARAVAN_TEST_POSTGRES")
                ?? throw new InvalidOperationException("Set CARAVAN_BENCH_POSTGRES to a PostgreSQL server connection string (bench/run.sh starts one).");
            var name = "caravan_bench_" + Guid.NewGuid().ToString("N")[..8];
            await using (var connection = new NpgsqlConnection(server))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
                await create.ExecuteNonQueryAsync();
            }

            db = new BenchDatabase(DatabaseProvider.Postgres, new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString(), server, name, null);
        }
        else
        {
            var path = Path.Combine(Path.GetTempPath(), $"caravan-bench-{Guid.NewGuid():N}.db");
            db = new BenchDatabase(DatabaseProvider.Sqlite, $"Data Source={path}", null, null, path);
        }

        await using var context = db.NewContext();
        await context.Database.MigrateAsync();
        await new ReferenceDataSeeder(context).SeedAsync();
        return db;
    }

    /// <summary>A database kept by an earlier run (--keep), used as it is and never dropped.</summary>
    public static BenchDatabase Attach(DatabaseProvider provider, string connectionString) =>
        new(provider, connectionString, null, null, null) { Keep = true };

    /// <summary>A context without the audit interceptor: generating test data is not a user's write.</summary>
    public CaravanDbContext NewContext() => new(NewOptions());

    public DbContextOptions<CaravanDbContext> NewOptions()
    {
        var builder = new DbContextOptionsBuilder<CaravanDbContext>();
        DataServiceCollectionExtensions.Configure(builder, Provider, ConnectionString);
        return builder.Options;
    }

    /// <summary>Keep the database after the run (--keep), to look at query plans by hand.</summary>
    public bool Keep { get; set; }

    public async ValueTask DisposeAsync()
    {
        if (Keep)
        {
            Console.WriteLine($"Kept database: {ConnectionString}");
            return;
        }

        if (adminConnection is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(adminConnection);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {databaseName} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        if (file is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var f in new[] { file, file + "-wal", file + "-shm" })
            {
                File.Delete(f);
            }
        }
    }
}
