using System.Diagnostics;
using System.Globalization;
using Caravan.Core.Applications;
using Caravan.Core.Audit;
using Caravan.Core.Contracts;
using Caravan.Core.Data;
using Caravan.Core.Migrants;
using Caravan.Core.Reference;
using Caravan.Core.Vacancies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Caravan.Bench;

/// <summary>
/// Issue 15 §3, in process: the top 20 vacancies for a registered migrant (<see cref="VacancyMatcher"/>), from N concurrent
/// tasks, each request in its own DI scope and DbContext as in the web app, over the generated vacancies. Each request is
/// a different synthetic profile: one or two occupations of the generator's thirty (so related groups are searched too),
/// one or two preferred destinations, Russian at B1 and a skill word. Baselines in the same run: <c>SELECT 1</c> through
/// the same DbContext, and the ceiling: the matcher's candidate queries as hand-written SQL on a pooled ADO.NET connection
/// (PostgreSQL), with nothing else. Page rendering is not included.
/// Options: --vacancies N, --agencies N, --clients N[,N...] (default 8), --seconds N (20), --keep.
/// </summary>
internal static class MatchBench
{
    private sealed record Sample(double Milliseconds);

    public static async Task RunAsync(string[] args)
    {
        var options = BenchOptions.Parse(args);
        var seconds = Array.IndexOf(args, "--seconds") is var si and >= 0 && si + 1 < args.Length ? int.Parse(args[si + 1], CultureInfo.InvariantCulture) : 20;
        var clientCounts = (Array.IndexOf(args, "--clients") is var ci and >= 0 && ci + 1 < args.Length ? args[ci + 1] : "8")
            .Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray();
        Console.WriteLine($"# Caravan benchmark: matching on {options.Provider}, {options.Vacancies:N0} vacancies, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        // --existing "connection string": a database kept by an earlier run (--keep), used as it is.
        var existing = Array.IndexOf(args, "--existing") is var ei and >= 0 && ei + 1 < args.Length ? args[ei + 1] : null;
        await using var database = existing is null ? await BenchDatabase.CreateAsync(options) : BenchDatabase.Attach(options.Provider, existing);
        database.Keep = existing is not null || args.Contains("--keep");
        if (existing is null)
        {
            var clock = Stopwatch.StartNew();
            await DataGenerator.FillAsync(database, options);
            Console.WriteLine($"Generated {options.Vacancies:N0} vacancies across {options.Agencies:N0} agencies in {clock.Elapsed.TotalSeconds:N0} s");
        }

        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IAuditActor, SystemAuditActor>();
        services.AddCaravanData(database.Provider, database.ConnectionString);
        services.AddMemoryCache();
        services.AddScoped<Catalogue>();
        services.AddScoped<RateTable>();
        services.AddOptions<FeePolicyOptions>();
        var config = new ConfigurationBuilder().Build();
        services.AddVacancies(config);
        services.AddApplications(config);
        await using var provider = services.BuildServiceProvider();
        // The occupations published vacancies are in, as the matcher keeps them: related occupations are read among these.
        var units = await WithScopeAsync(provider, sp => sp.GetRequiredService<CaravanDbContext>().Set<Vacancy>()
            .Where(v => v.Status == VacancyStatus.Published).Select(v => v.IscoCode).Distinct().ToListAsync());

        foreach (var clients in clientCounts)
        {
            var baseline = await DriveAsync(clients, seconds, async _ =>
            {
                await using var scope = provider.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<CaravanDbContext>().Database.SqlQueryRaw<int>("SELECT 1 AS \"Value\"").ToListAsync();
            });
            var matched = 0L;
            var matches = await DriveAsync(clients, seconds, async random =>
            {
                await using var scope = provider.CreateAsyncScope();
                var top = await scope.ServiceProvider.GetRequiredService<VacancyMatcher>().TopAsync(Profile(random), "ru");
                Interlocked.Add(ref matched, top.Count);
            });
            var rows = new List<string>
            {
                Row("Baseline: `SELECT 1` through a new DbContext", baseline, baseline, "—"),
                Row("Top 20 matches for a profile (VacancyMatcher.TopAsync)", matches, baseline, "p95 ≤ 100 ms"),
            };
            if (database.Provider == DatabaseProvider.Postgres)
            {
                var ceiling = await DriveAsync(clients, seconds, random => CeilingAsync(database.ConnectionString, Profile(random), units));
                rows.Add(Row("Ceiling: the candidate queries as raw SQL (ADO.NET, pooled)", ceiling, baseline, "—"));
            }

            Console.WriteLine($"\n{options.Vacancies:N0} vacancies on {options.Provider}, {clients} concurrent tasks, {seconds} s each after a 3 s warm-up; "
                + $"{matched / Math.Max(1, matches.Samples.Count):N1} matches a request on average");
            Console.WriteLine("\n| Query | Requests | Req/s | Ratio to baseline | p50 ms | p95 ms | p99 ms | Target |\n|---|---|---|---|---|---|---|---|");
            rows.ForEach(Console.WriteLine);
        }
    }

    /// <summary>A synthetic registered migrant: the fields the matcher reads.</summary>
    private static Person Profile(Random random)
    {
#pragma warning disable CA5394 // Test data, not security.
        var jobs = DataGenerator.Jobs;
        var first = jobs[random.Next(jobs.Length)];
        var second = jobs[random.Next(jobs.Length)];
        var destinations = DataGenerator.Destinations;
        return new Person
        {
            Status = PersonStatus.Active,
            Occupations = random.Next(2) == 0 ? [first.Isco] : [first.Isco, second.Isco],
            PreferredDestinations = [.. new[] { destinations[random.Next(destinations.Length)], destinations[random.Next(destinations.Length)] }.Distinct()],
            Languages = [new PersonLanguage { Code = "ru", Level = "B1" }],
            Skills = [first.Title.Split(' ')[^1].ToLowerInvariant()],
        };
#pragma warning restore CA5394
    }

    /// <summary>
    /// The matcher's candidates in as few round trips as SQL allows: one statement for every occupation (each with its
    /// cap, an ordered index scan per code through LATERAL) and one for the destinations. The least the database has to
    /// do for one profile.
    /// </summary>
    private static async Task CeilingAsync(string connectionString, Person person, List<string> units)
    {
        var groups = person.Occupations.Select(o => o[..2]).ToHashSet(StringComparer.Ordinal);
        var related = units.Where(u => u.Length == 4 && groups.Contains(u[..2]) && !person.Occupations.Contains(u)).ToArray();
        string[] codes = [.. person.Occupations, .. related];
        int[] caps = [.. person.Occupations.Select(_ => VacancyMatcher.PerQuery), .. related.Select(_ => VacancyMatcher.PerRelated)];
        const string Columns = "v.id, v.isco_code, v.destination_country, v.wage_usd_cents, v.fee_free, v.title, v.required_skills, v.published_at";
        const string Open = """
            v.status = 'Published' AND a.licence_status = 'Valid' AND (a.licence_valid_until IS NULL OR a.licence_valid_until >= current_date)
              AND v.application_deadline >= current_date AND v.fee_free
            """;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var occupations = new NpgsqlCommand($"""
            SELECT c.* FROM unnest(@codes, @caps) AS k(code, cap) CROSS JOIN LATERAL (
              SELECT {Columns} FROM vacancy v JOIN agency a ON a.id = v.agency_id
              WHERE v.isco_code = k.code AND {Open} ORDER BY v.wage_usd_cents DESC, v.published_at DESC LIMIT k.cap) c
            """, connection))
        {
            occupations.Parameters.AddWithValue("codes", codes);
            occupations.Parameters.AddWithValue("caps", caps);
            await DrainAsync(occupations);
        }

        await using var destinations = new NpgsqlCommand($"""
            SELECT c.* FROM unnest(@countries) AS k(country) CROSS JOIN LATERAL (
              SELECT {Columns} FROM vacancy v JOIN agency a ON a.id = v.agency_id
              WHERE v.destination_country = k.country AND {Open} ORDER BY v.wage_usd_cents DESC, v.published_at DESC LIMIT {VacancyMatcher.PerQuery}) c
            """, connection);
        destinations.Parameters.AddWithValue("countries", person.PreferredDestinations.ToArray());
        await DrainAsync(destinations);
    }

    private static async Task DrainAsync(NpgsqlCommand command)
    {
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
        }
    }

    private static async Task<T> WithScopeAsync<T>(IServiceProvider provider, Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = provider.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    private sealed record Run(List<Sample> Samples, double Seconds);

    private static async Task<Run> DriveAsync(int clients, int seconds, Func<Random, Task> request)
    {
        await DriveOnceAsync(clients, TimeSpan.FromSeconds(3), request);
        return await DriveOnceAsync(clients, TimeSpan.FromSeconds(seconds), request);
    }

    private static async Task<Run> DriveOnceAsync(int clients, TimeSpan duration, Func<Random, Task> request)
    {
        var results = new List<Sample>[clients];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var random = new Random(1500 + c);
            results[c] = [];
            while (clock.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                await request(random);
                results[c].Add(new Sample(Stopwatch.GetElapsedTime(started).TotalMilliseconds));
            }
        })));
        return new Run([.. results.SelectMany(r => r)], clock.Elapsed.TotalSeconds);
    }

    private static string Row(string label, Run run, Run baseline, string target)
    {
        var sorted = run.Samples.Select(s => s.Milliseconds).Order().ToArray();
        double P(int percentile) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(percentile / 100d * sorted.Length) - 1)];
        var rate = run.Samples.Count / run.Seconds;
        var baseRate = baseline.Samples.Count / baseline.Seconds;
        return string.Format(CultureInfo.InvariantCulture, "| {0} | {1:N0} | {2:N1} | {3:0.000} | {4:0.0} | {5:0.0} | {6:0.0} | {7} |",
            label, run.Samples.Count, rate, rate / baseRate, P(50), P(95), P(99), target);
    }
}
