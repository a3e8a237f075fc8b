using System.Data.Common;
using System.Globalization;
using Caravan.Core.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Caravan.Web.Tests.Infrastructure.Faults;

/// <summary>
/// A node as an operator runs it (the built app in its own process, Staging, jobs off so that nothing but the test
/// writes), with its database open to the test for counting what survived.
/// </summary>
public sealed class FaultNode : IDisposable
{
    private readonly Dictionary<string, string> environment;

    public FaultNode(DatabaseProvider provider, string connectionString)
    {
        Provider = provider;
        ConnectionString = connectionString;
        Url = new Uri($"http://127.0.0.1:{GatewayStub.FreePort()}/");
        Directory = System.IO.Directory.CreateTempSubdirectory("caravan-fault-").FullName;
        environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Staging",
            ["Database__Provider"] = provider.ToString(),
            ["ConnectionStrings__Caravan"] = connectionString,
            ["DataProtection__KeysPath"] = Path.Combine(Directory, "keys"),
            ["Documents__Path"] = Path.Combine(Directory, "documents"),
            ["Node__PublicUrl"] = Url.ToString(),
            ["Jobs__Enabled"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
            // The fold takes every fact at once, so that a fold after the restart is comparable with a rebuild.
            ["Statistics__FoldLagSeconds"] = "0",
            ["RateLimits__TipsPerTenMinutes"] = "100000",
        };
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public Uri Url { get; }

    public string Directory { get; }

    /// <summary>Migrates and seeds the demo data (its case teams receive the tips), as <c>migrate</c> does before a node serves.</summary>
    public async Task MigrateAsync()
    {
        var migrated = await NodeProcess.RunAsync(With(("Demo__Enabled", "true")), launchProfile: false, "migrate");
        migrated.ExitCode.ShouldBe(0, migrated.Output);
    }

    public NodeProcess Start(params string[] arguments) => NodeProcess.Start(environment, launchProfile: false, arguments);

    public NodeProcess Start((string Key, string Value) setting, params string[] arguments) => NodeProcess.Start(With(setting), launchProfile: false, arguments);

    public async Task<NodeProcess> ServeAsync()
    {
        var node = Start("--urls", Url.ToString());
        await node.WaitUntilServingAsync(Url);
        return node;
    }

    public Task<(int ExitCode, string Output)> RunAsync(params string[] arguments) => NodeProcess.RunAsync(environment, launchProfile: false, arguments);

    public async Task<DbConnection> OpenAsync()
    {
        DbConnection connection = Provider == DatabaseProvider.Postgres
            ? new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ToString())
            : new SqliteConnection(new SqliteConnectionStringBuilder(ConnectionString) { Pooling = false }.ToString());
        await connection.OpenAsync();
        return connection;
    }

    public async Task<long> CountAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>Every row of a query as one line of text each, for comparing whole tables.</summary>
    public async Task<List<string>> RowsAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i)
                ? "∅"
                : Convert.ToString(reader.GetValue(i) is decimal d ? d.Normalize() : reader.GetValue(i), CultureInfo.InvariantCulture))));
        }

        return rows;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a killed process' last write; the temporary folder is cleaned with the machine.
        }
    }

    private Dictionary<string, string> With((string Key, string Value) setting) => new(environment) { [setting.Key] = setting.Value };
}

internal static class DecimalNormalizing
{
    /// <summary>1.50 and 1.5 alike: the engines keep different scales for the same sum.</summary>
    public static decimal Normalize(this decimal value) => value / 1.000000000000000000000000000000000m;
}
