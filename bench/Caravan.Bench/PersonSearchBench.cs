using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Caravan.Core.Data;
using Caravan.Core.Migrants;
using Caravan.Core.Tests.Migrants.Matching;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Caravan.Bench;

/// <summary>
/// An officer's person search (issue 4), in process: <see cref="RegistryQueries.SearchAsync"/> from N concurrent tasks, each
/// request in its own DI scope and DbContext as in the web app, with names in Latin and Cyrillic, given + family names and
/// passport numbers drawn from the imported extract; the baseline is <c>SELECT 1</c> through the same DbContext in the same run.
/// Then EXPLAIN ANALYZE of one query of each kind, to say where the time goes.
/// </summary>
internal static class PersonSearchBench
{
    private sealed record Kind(string Label, string[] Queries);

    private sealed record Sample(int Kind, double Milliseconds, int Rows);

    public static async Task<string> RunAsync(IServiceProvider services, BenchDatabase database, IReadOnlyList<SyntheticPerson> samples, int clients, int seconds)
    {
        static bool IsCyrillic(string s) => s.Any(c => c is >= '\u0400' and <= '\u04FF');
        Kind[] kinds =
        [
            new("Family name, Latin", [.. samples.Where(p => !IsCyrillic(p.FamilyName)).Select(p => p.FamilyName)]),
            new("Family name, Cyrillic", [.. samples.Where(p => IsCyrillic(p.FamilyName)).Select(p => p.FamilyName)]),
            new("Given + family name", [.. samples.Select(p => p.GivenName + " " + p.FamilyName)]),
            // Typed as officers do, with a space after the series.
            new("Passport number", [.. samples.Where(p => p.PassportNumber is not null).Select(p => p.PassportNumber![..2] + " " + p.PassportNumber[2..])]),
        ];

        var baselineDuration = TimeSpan.FromSeconds(seconds);
        await DriveAsync(services, clients, TimeSpan.FromSeconds(3), kinds, baseline: true);
        var (baseline, baselineSeconds) = await DriveAsync(services, clients, baselineDuration, kinds, baseline: true);
        await DriveAsync(services, clients, TimeSpan.FromSeconds(3), kinds, baseline: false);
        ImportBench.ResetPeak();
        var (search, searchSeconds) = await DriveAsync(services, clients, TimeSpan.FromSeconds(seconds), kinds, baseline: false);
        var peak = ImportBench.PeakMegabytes();

        var report = new StringBuilder();
        var count = await ImportBench.WithScopeAsync(services, sp => sp.GetRequiredService<CaravanDbContext>().Set<Person>().CountAsync(p => p.Status == PersonStatus.Active));
        report.AppendLine(CultureInfo.InvariantCulture, $"\nPerson search, {count:N0} active persons on PostgreSQL, {clients} concurrent tasks, {seconds} s each after 3 s warm-up; each request a new DI scope and DbContext");
        report.AppendLine("\n| Query | Requests | Req/s | Ratio to baseline | p50 ms | p95 ms | p99 ms | Mean rows |\n|---|---|---|---|---|---|---|---|");
        var baseRate = baseline.Count / baselineSeconds;
        report.AppendLine(Row("Baseline: `SELECT 1` through the DbContext", baseline, baselineSeconds, baseRate));
        report.AppendLine(Row("**Search, mix of the four below (target p95 ≤ 100 ms)**", search, searchSeconds, baseRate));
        for (var k = 0; k < kinds.Length; k++)
        {
            report.AppendLine(Row($"— {kinds[k].Label}", [.. search.Where(s => s.Kind == k)], searchSeconds, baseRate));
        }

        report.AppendLine(CultureInfo.InvariantCulture, $"\nPeak memory (VmHWM) of the bench process during the search run: {peak:N0} MB");
        report.AppendLine("\nQuery plans (EXPLAIN (ANALYZE, BUFFERS), one query of each kind, after the run):");
        foreach (var kind in kinds)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"\n{kind.Label}: \"{kind.Queries[0]}\"\n```");
            report.AppendLine(await ExplainAsync(services, database, kind.Queries[0]));
            report.AppendLine("```");
        }

        return report.ToString();
    }

    private static string Row(string label, IReadOnlyList<Sample> samples, double seconds, double baseRate)
    {
        var sorted = samples.Select(s => s.Milliseconds).Order().ToArray();
        double P(int percentile) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(percentile / 100d * sorted.Length) - 1)];
        var rate = samples.Count / seconds;
        return string.Format(CultureInfo.InvariantCulture, "| {0} | {1:N0} | {2:N1} | {3:0.0000} | {4:0.0} | {5:0.0} | {6:0.0} | {7:0.0} |",
            label, samples.Count, rate, rate / baseRate, P(50), P(95), P(99), samples.Count == 0 ? 0 : samples.Average(s => s.Rows));
    }

    private static async Task<(List<Sample> Samples, double Seconds)> DriveAsync(IServiceProvider services, int clients, TimeSpan duration, Kind[] kinds, bool baseline)
    {
        var results = new List<Sample>[clients];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
#pragma warning disable CA5394 // Query choice, not security.
            var random = new Random(1000 + c);
            results[c] = [];
            while (clock.Elapsed < duration)
            {
                var k = random.Next(kinds.Length);
                var text = kinds[k].Queries[random.Next(kinds[k].Queries.Length)];
#pragma warning restore CA5394
                var started = Stopwatch.GetTimestamp();
                await using var scope = services.CreateAsyncScope();
                int rows;
                if (baseline)
                {
                    var db = scope.ServiceProvider.GetRequiredService<CaravanDbContext>();
                    rows = (await db.Database.SqlQueryRaw<int>("SELECT 1 AS \"Value\"").ToListAsync()).Count;
                }
                else
                {
                    rows = (await scope.ServiceProvider.GetRequiredService<RegistryQueries>().SearchAsync(text)).Count;
                }

                results[c].Add(new Sample(baseline ? -1 : k, Stopwatch.GetElapsedTime(started).TotalMilliseconds, rows));
            }
        })));
        return ([.. results.SelectMany(r => r)], clock.Elapsed.TotalSeconds);
    }

    /// <summary>Records the last query EF Core sends, so that the real RegistryQueries SQL can be explained.</summary>
    private sealed class Capture : DbCommandInterceptor
    {
        public string? Sql { get; private set; }

        public List<NpgsqlParameter> Parameters { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Sql = command.CommandText;
            Parameters.Clear();
            foreach (NpgsqlParameter p in command.Parameters)
            {
                Parameters.Add(new NpgsqlParameter { ParameterName = p.ParameterName, Value = p.Value, NpgsqlDbType = p.NpgsqlDbType });
            }

            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }

    private static async Task<string> ExplainAsync(IServiceProvider services, BenchDatabase database, string text)
    {
        var capture = new Capture();
        var builder = new DbContextOptionsBuilder<CaravanDbContext>();
        DataServiceCollectionExtensions.Configure(builder, database.Provider, database.ConnectionString);
        builder.AddInterceptors(capture);
        await using (var db = new CaravanDbContext(builder.Options))
        {
            await new RegistryQueries(db, services.GetRequiredService<SensitiveData>()).SearchAsync(text);
        }

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var explain = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + capture.Sql, connection);
        foreach (var p in capture.Parameters)
        {
            explain.Parameters.Add(p);
        }

        var plan = new StringBuilder(capture.Sql).AppendLine();
        foreach (var p in capture.Parameters)
        {
            plan.AppendLine(CultureInfo.InvariantCulture, $"-- {p.ParameterName} = '{p.Value}'");
        }

        plan.AppendLine();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.AppendLine(reader.GetString(0));
        }

        return plan.ToString().TrimEnd();
    }
}
