using Caravan.Core.Agencies;
using Caravan.Core.Data;
using Caravan.Core.Identity;
using Caravan.Core.Tests.Fuzz;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Caravan.Web.Tests.Infrastructure;

/// <summary>
/// The app for fuzzing: a fresh database per engine, every error-level log entry kept, and the per-client rate limits
/// raised so that thousands of requests from one test client reach the handlers instead of stopping at 429.
/// </summary>
public sealed class FuzzApp : IAsyncDisposable
{
    private static readonly string[] RateLimits = ["TipsPerTenMinutes", "StatisticsPerMinute", "ExchangePerMinute", "SignInPerMinute", "CodesPerFiveMinutes"];

    private readonly CaravanApp database;

    public FuzzApp(DatabaseProvider provider)
    {
        Provider = provider;
        database = new CaravanApp(provider);
        Factory = database.WithWebHostBuilder(b =>
        {
            foreach (var limit in RateLimits)
            {
                b.UseSetting("RateLimits:" + limit, "1000000");
            }

            b.ConfigureTestServices(s => s.AddSingleton<ILoggerProvider>(Errors));
        });
        _ = Factory.Server;
    }

    public DatabaseProvider Provider { get; }

    public WebApplicationFactory<Program> Factory { get; }

    public LogRecorder Errors { get; } = new(LogLevel.Error);

    /// <summary>How many inputs per family on this engine: all of them on SQLite, a fifth on PostgreSQL (the time budget of ./test.sh).</summary>
    public int Count(int sqlite = 1000) => Provider == DatabaseProvider.Sqlite ? Mutator.Count(sqlite) : Math.Max(1, Mutator.Count(sqlite) / 5);

    public async Task<T> WithDbAsync<T>(Func<CaravanDbContext, Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        await using var scope = Factory.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<CaravanDbContext>());
    }

    /// <summary>A client with an API key of the second demo agency, which the bulk and agency endpoints need.</summary>
    public async Task<(HttpClient Client, Guid AgencyId)> AgencyClientAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var agency = await scope.ServiceProvider.GetRequiredService<CaravanDbContext>().Set<Agency>().SingleAsync(a => a.Name == "Samarkand Labour Bridge LLC");
        var secret = (await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync("fuzz", agency.Id, null, null)).Secret;
        var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("X-Api-Key", secret);
        return (client, agency.Id);
    }

    /// <summary>
    /// Sends a request and fails on what the issue forbids: an answer of 500 or more, or an unhandled exception in the
    /// log (which the exception handler writes even when it turns the exception into a 4xx).
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        var before = Errors.Entries.Count();
        var response = await client.SendAsync(request);
        var status = (int)response.StatusCode;
        var logged = Errors.Entries.Skip(before).Where(Unhandled).ToList();
        if (status >= 500 || logged.Count > 0)
        {
            throw new InvalidOperationException($"{request.Method} {request.RequestUri} answered {status}; unhandled: {string.Join(" / ", logged.Select(Describe))}");
        }

        return response;
    }

    /// <summary>ASP.NET Core's exception handler and the server both say "unhandled exception"; the handler logs it under its own category.</summary>
    private static bool Unhandled(LogRecord entry) =>
        entry.Category.Contains("ExceptionHandler", StringComparison.Ordinal) || entry.Message.Contains("unhandled exception", StringComparison.OrdinalIgnoreCase);

    private static string Describe(LogRecord entry)
    {
        var detail = entry.Exception?.ToString() ?? string.Empty;
        return $"{entry.Category}: {entry.Message} {(detail.Length > 1500 ? detail[..1500] : detail)}";
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await database.DisposeAsync();
    }
}

/// <summary>The committed inputs of a family, each replayed on both engines (some crashes were PostgreSQL's alone).</summary>
public static class FuzzCorpus
{
    public static TheoryData<string, DatabaseProvider> OnBothEngines(string family)
    {
        var data = new TheoryData<string, DatabaseProvider>();
        foreach (var file in FuzzRun.Corpus(family))
        {
            data.Add(file, DatabaseProvider.Sqlite);
            data.Add(file, DatabaseProvider.Postgres);
        }

        return data;
    }
}

/// <summary>One fuzz app per engine, shared by the tests of a class.</summary>
public sealed class FuzzAppFixture : IAsyncDisposable
{
    private readonly Dictionary<DatabaseProvider, FuzzApp> apps = [];
    private readonly Lock gate = new();

    public FuzzApp Get(DatabaseProvider provider)
    {
        lock (gate)
        {
            if (!apps.TryGetValue(provider, out var app))
            {
                app = new FuzzApp(provider);
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
    }
}
