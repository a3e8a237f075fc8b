using Caravan.Core.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Caravan.Web.Tests.Infrastructure;

/// <summary>
/// The whole app in process, on its own fresh database: a new SQLite file, or a new database on the
/// PostgreSQL server that ./test.sh starts (CARAVAN_TEST_POSTGRES).
/// </summary>
public sealed class CaravanApp : WebApplicationFactory<Program>
{
    public const string PostgresVariable = "CARAVAN_TEST_POSTGRES";

    private readonly Dictionary<string, string?> settings;
    private readonly Action<IServiceCollection>? services;

    // fromTemplate: whether a fresh development database may be a copy of a template (see below). A template costs one
    // extra start, so a fixture that starts a single app with its own settings, such as the browser tests', passes false.
    // seedSettings: outside Development, the settings that shape what migration and seeding write; with them, an app
    // starts from a template made with only those (the rest, such as a gateway's port, changes nothing in the data).
    public CaravanApp(DatabaseProvider provider, IDictionary<string, string?>? overrides = null, string environment = "Development", string? connectionString = null, Action<IServiceCollection>? services = null, bool fromTemplate = true, IReadOnlyCollection<string>? seedSettings = null)
    {
        this.services = services;
        Provider = provider;
        Environment = environment;
        settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Database:Provider"] = provider.ToString(),
            ["Database:MigrateOnStart"] = "true",
            ["RateLimits:SignInPerMinute"] = "10000",
            ["RateLimits:CodesPerFiveMinutes"] = "10000",
            // Tests run jobs directly, when they choose; a scheduler polling in every test host only adds noise.
            ["Jobs:Enabled"] = "false",
            ["Documents:Path"] = Path.Combine(Path.GetTempPath(), "caravan-tests", "documents"),
            ["DataProtection:KeysPath"] = Path.Combine(Path.GetTempPath(), "caravan-tests", "keys"),
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        // A development app on a fresh database starts from a copy of one migrated and seeded the same way, made once
        // per run: migrating and seeding every test class's database was most of the suite's time. Apps with their
        // own services or database, or outside Development (whose start is often what a test is about), start bare.
        var seed = seedSettings is null ? null : (overrides ?? new Dictionary<string, string?>()).Where(o => seedSettings.Contains(o.Key)).ToDictionary();
        ConnectionString = connectionString ?? (fromTemplate && services is null && (environment == "Development" || seed is not null)
            ? TestDatabaseTemplates.Clone(provider, TemplateKey(provider, environment, seed is null ? settings : Seeded(seed)), () => MakeTemplate(provider, seed ?? overrides, environment))
            : NewDatabase(provider));
        settings["ConnectionStrings:Caravan"] = ConnectionString;
    }

    private static string TemplateKey(DatabaseProvider provider, string environment, Dictionary<string, string?> settings) =>
        string.Join('\n', [provider.ToString(), environment, .. settings.Where(s => s.Key != "ConnectionStrings:Caravan").OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}={s.Value}")]);

    private static Dictionary<string, string?> Seeded(Dictionary<string, string?> seed) =>
        new Dictionary<string, string?> { ["seed"] = "only" }.Concat(seed).ToDictionary(StringComparer.Ordinal);

    /// <summary>Starts an app on a new database, which migrates and seeds it, and stops it: its database is the template.</summary>
    private static string MakeTemplate(DatabaseProvider provider, IDictionary<string, string?>? overrides, string environment)
    {
        using var app = new CaravanApp(provider, overrides, environment, connectionString: null, services: null, fromTemplate: false);
        _ = app.Server;
        return app.ConnectionString;
    }

    public DatabaseProvider Provider { get; }

    public string Environment { get; }

    public string ConnectionString { get; }

    public static string NewDatabase(DatabaseProvider provider)
    {
        var name = "caravan_t_" + Guid.NewGuid().ToString("N")[..12];
        if (provider == DatabaseProvider.Sqlite)
        {
            var dir = Path.Combine(Path.GetTempPath(), "caravan-tests");
            Directory.CreateDirectory(dir);
            return $"Data Source={Path.Combine(dir, name + ".db")}";
        }

        var server = System.Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException(
                $"No PostgreSQL server for tests. Run ./test.sh, which starts one, or set {PostgresVariable} to a connection string.");
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }

    public HttpClient Browser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A browser that asks for English pages, so tests can assert the words a person reads.</summary>
    public HttpClient EnglishBrowser()
    {
        var client = Browser();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        return client;
    }

    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public Task<T> WithDbAsync<T>(Func<CaravanDbContext, Task<T>> action) =>
        WithScopeAsync(sp => action(sp.GetRequiredService<CaravanDbContext>()));
}

/// <summary>Every data-touching test runs once per database engine.</summary>
public sealed class Databases : TheoryData<DatabaseProvider>
{
    public Databases()
    {
        Add(DatabaseProvider.Sqlite);
        Add(DatabaseProvider.Postgres);
    }
}

/// <summary>One app per engine, shared by the tests of a class, started on first use.</summary>
public class AppFixture : IAsyncDisposable
{
    /// <summary>Settings a fixture's apps run with, beyond the test defaults.</summary>
    protected virtual IDictionary<string, string?>? Settings => null;

    private readonly Dictionary<DatabaseProvider, CaravanApp> apps = [];
    private readonly Lock gate = new();

    public CaravanApp Get(DatabaseProvider provider)
    {
        lock (gate)
        {
            if (!apps.TryGetValue(provider, out var app))
            {
                app = new CaravanApp(provider, Settings);
                _ = app.Server; // start now, so migration and seeding happen before the test's first request
                apps[provider] = app;
            }

            return app;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in apps.Values)
        {
            await app.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
