using System.Diagnostics;
using System.Globalization;
using Caravan.Core.Audit;
using Caravan.Core.Data;
using Caravan.Core.Statistics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace Caravan.Bench;

/// <summary>
/// Issue 12 §6. Writes N synthetic facts (COPY on PostgreSQL, a prepared insert on SQLite), times a full rebuild of the
/// aggregates, then writes M more facts and times the incremental fold of just those; then starts the real server and
/// drives GET /api/v1/statistics/{indicator} with a mix of indicators, breakdowns, filters and periods from C clients,
/// with the answer cache off (every request reads the aggregates and runs disclosure control), against GET
/// /api/v1/status in the same run; and times the same kind of question as a GROUP BY over the raw facts.
/// Options: --facts N (10,000,000), --new-facts M (1,000,000), --clients C (8), --seconds S (30), --agencies A (200);
/// --keep keeps the database, and --existing "connection string" runs only the API load against a kept one.
/// </summary>
internal static class StatisticsBench
{
    private static readonly string[] Sexes = ["F", "M", "F", "M", "M", ""];
    private static readonly string[] Ages = ["15-19", "20-24", "25-29", "25-29", "30-34", "30-34", "35-39", "40-44", "45-49", "50-54", "55-59", "60-64", "unknown"];
    private static readonly string[] Regions = ["UZ-AN", "UZ-BU", "UZ-FA", "UZ-JI", "UZ-NG", "UZ-NW", "UZ-QA", "UZ-QR", "UZ-SA", "UZ-SI", "UZ-SU", "UZ-TK", "UZ-TO", "UZ-XO"];
    private static readonly string[] Destinations = ["RU", "RU", "RU", "KZ", "KZ", "KR", "TR", "AE", "DE", "GB", "PL", "JP"];

    // Kind, weight (per 100), whether it carries a person's dimensions.
    private static readonly (FactKind Kind, int Weight)[] Mix =
    [
        (FactKind.Registration, 22), (FactKind.Departure, 25), (FactKind.Placement, 10), (FactKind.RecruitmentCost, 8), (FactKind.Return, 12),
        (FactKind.StayEnded, 10), (FactKind.CaseOpened, 3), (FactKind.CaseClosed, 3), (FactKind.CaseIndicator, 2), (FactKind.VacancyPublished, 3),
        (FactKind.FeeViolation, 1), (FactKind.TipReceived, 1),
    ];

    public static async Task RunAsync(string[] args)
    {
        string Arg(string name, string fallback) => Array.IndexOf(args, "--" + name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        int Int(string name, int fallback) => int.Parse(Arg(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        var options = BenchOptions.Parse(args);
        var facts = Int("facts", 10_000_000);
        var fresh = Int("new-facts", 1_000_000);
        var clients = Int("clients", 8);
        var seconds = Int("seconds", 30);
        Console.WriteLine($"# Caravan benchmark: statistics on {options.Provider}, {facts:N0} + {fresh:N0} facts, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        var existing = Arg("existing", "");
        var rows = new List<string> { "\n| Step | Facts | Cells | Seconds | Target |", "|---|---|---|---|---|" };
        await using var database = existing.Length > 0 ? BenchDatabase.Attach(options.Provider, existing) : await BenchDatabase.CreateAsync(options);
        IReadOnlyList<string> licences;
        if (existing.Length > 0)
        {
            await using var ctx = database.NewContext();
            licences = await ctx.Set<Core.Agencies.Agency>().Where(a => a.LicenceNumber != null).Select(a => a.LicenceNumber!).ToListAsync();
        }
        else
        {
            database.Keep = args.Contains("--keep");
            licences = await GenerateAsync(database, options, facts, fresh, Int("agencies", 200), rows);
        }

        string analystKey;
        await using (var ctx = database.NewContext())
        {
            analystKey = (await new Core.Identity.ApiKeyService(ctx, TimeProvider.System).CreateAsync("bench analyst", null, null, null, analyst: true)).Secret;
        }

        var load = options with { Clients = clients, Seconds = seconds };
        rows.Add(LoadTest.Header);
        // Cold: every request reads the aggregates and protects its tables. Then with the protected tables kept (the
        // node's default), which is what a second question on the same table costs; answers themselves are never cached here.
        foreach (var keepTables in new[] { false, true })
        {
            await using var server = await AppServer.StartAsync(BenchOptions.FindRepository(), database, new Dictionary<string, string>
            {
                ["Statistics__CacheAnswers"] = "false",
                ["Statistics__CacheTables"] = keepTables ? "true" : "false",
                ["RateLimits__StatisticsPerMinute"] = "100000000",
            });
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients * 2 }) { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(120) };
            var baseline = await LoadTest.RunAsync(http, load, _ => "/api/v1/status");
            var statistics = await LoadTest.RunAsync(http, load, r => Question(r, licences));
            rows.Add(baseline.Row("Baseline: GET /api/v1/status", baseline));
            rows.Add(statistics.Row($"Statistics API, public, mixed questions, {facts + fresh:N0} facts, {(keepTables ? "protected tables kept" : "cold (nothing kept)")}", baseline));
            if (!keepTables)
            {
                // The same questions with an analyst's key: the same reads without disclosure control.
                using var analyst = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients * 2 }) { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(120) };
                analyst.DefaultRequestHeaders.Add("X-Api-Key", analystKey);
                var exact = await LoadTest.RunAsync(analyst, load, r => Question(r, licences) + "&exact=true");
                rows.Add(exact.Row("The same questions, exact (analyst's key): the same reads, no disclosure control", baseline));
            }

            rows.Add(string.Create(CultureInfo.InvariantCulture, $"| Peak memory (VmHWM) of the server: {server.PeakRssMegabytes():N0} MB | | | | | | | | | |"));
        }

        foreach (var line in rows)
        {
            Console.WriteLine(line);
        }
    }

    /// <summary>Writes the facts, times the rebuild and the fold, and adds their rows; returns the agencies' licence numbers.</summary>
    private static async Task<IReadOnlyList<string>> GenerateAsync(BenchDatabase database, BenchOptions options, int facts, int fresh, int agencyCount, List<string> rows)
    {
        var data = await DataGenerator.FillAsync(database, options with { Vacancies = 0, Agencies = agencyCount });
        List<Guid> agencies;
        await using (var ctx = database.NewContext())
        {
            agencies = await ctx.Set<Core.Agencies.Agency>().Select(a => a.Id).ToListAsync();
        }

        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IAuditActor, SystemAuditActor>();
        services.AddCaravanData(database.Provider, database.ConnectionString);
        services.AddOptions<StatisticsOptions>().Configure(o => o.FoldLagSeconds = 0);
        services.AddScoped<StatCellWriter>();
        services.AddScoped<StatisticsFolder>();
        await using var provider = services.BuildServiceProvider();

        var clock = Stopwatch.StartNew();
        await WriteFactsAsync(database, facts, agencies, DateTime.UtcNow.AddDays(-1), new DateOnly(2021, 1, 1), 5 * 365, seed: 1);
        Console.WriteLine($"Wrote {facts:N0} facts in {clock.Elapsed.TotalSeconds:N1} s");
        var rebuild = await TimedAsync(provider, f => f.RebuildAsync());
        rows.Add(string.Create(CultureInfo.InvariantCulture, $"| Full rebuild | {rebuild.Result.Facts:N0} | {rebuild.Result.Cells:N0} | {rebuild.Seconds:N1} | ≤ 600 |"));
        // New facts are about recent events: dated within the last 90 days, as live writes are.
        await WriteFactsAsync(database, fresh, agencies, DateTime.UtcNow, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-90), 90, seed: 2);
        var fold = await TimedAsync(provider, f => f.FoldAsync());
        rows.Add(string.Create(CultureInfo.InvariantCulture, $"| Incremental fold of new facts | {fold.Result.Facts:N0} | {fold.Result.Cells:N0} | {fold.Seconds:N1} | ≤ 60 |"));
        long cellCount;
        await using (var ctx = database.NewContext())
        {
            cellCount = await ctx.Set<StatCell>().LongCountAsync();
        }

        rows.Add(string.Create(CultureInfo.InvariantCulture, $"\nstat_cell rows after both: {cellCount:N0}"));
        rows.Add(await RawGroupByAsync(database, seconds: 10));
        return data.LicenceNumbers;
    }

    /// <summary>A public question: an indicator, up to two of its dimensions as breakdown or single-code filter, one year or the last 12 months.</summary>
    public static string Question(Random r, IReadOnlyList<string> licences)
    {
        var all = Indicators.All.Where(i => i.Source is Indicators.SourceRegistry or Indicators.SourceCases).ToList();
        var indicator = all[r.Next(all.Count)];
        var dims = indicator.Dimensions.OrderBy(_ => r.Next()).Take(r.Next(0, Math.Min(2, indicator.Dimensions.Count) + 1)).ToList();
        var parts = new List<string>();
        var breakdown = new List<string>();
        foreach (var d in dims)
        {
            if (r.Next(3) == 0)
            {
                parts.Add($"{Codelists.Id(d)}={Code(d, r, licences, indicator)}");
            }
            else
            {
                breakdown.Add(Codelists.Id(d));
            }
        }

        if (breakdown.Count > 0)
        {
            parts.Add("breakdown=" + string.Join(',', breakdown));
        }

        var year = 2022 + r.Next(4);
        parts.Add(indicator.Periodicity == Periodicity.Monthly ? $"startPeriod={year}-01&endPeriod={year}-12" : $"startPeriod={year}&endPeriod={year}");
        return $"/api/v1/statistics/{indicator.Code}?{string.Join('&', parts)}";
    }

    private static string Code(Dimension d, Random r, IReadOnlyList<string> licences, IndicatorDefinition indicator) => d switch
    {
        Dimension.Sex => r.Next(2) == 0 ? "F" : "M",
        Dimension.AgeBand => Codelists.AgeCode(Ages[r.Next(Ages.Length - 1)]),
        Dimension.Region => Regions[r.Next(Regions.Length)],
        Dimension.Destination => Destinations[r.Next(Destinations.Length)],
        Dimension.Occupation => r.Next(10).ToString(CultureInfo.InvariantCulture),
        Dimension.Agency => licences[r.Next(licences.Count)],
        Dimension.Category => Codelists.Categories(indicator.CategoryCodelist!)[0],
        _ => "_U",
    };

    private static async Task<(FoldResult Result, double Seconds)> TimedAsync(IServiceProvider provider, Func<StatisticsFolder, Task<FoldResult>> run)
    {
        await using var scope = provider.CreateAsyncScope();
        var clock = Stopwatch.StartNew();
        var result = await run(scope.ServiceProvider.GetRequiredService<StatisticsFolder>());
        return (result, clock.Elapsed.TotalSeconds);
    }

    /// <summary>The same kind of question answered from the raw facts: one indicator, a year, grouped by two dimensions.</summary>
    private static async Task<string> RawGroupByAsync(BenchDatabase database, int seconds)
    {
        const string sql = "SELECT destination, sex, COUNT(*) FROM fact WHERE kind = 'Departure' AND date >= @from AND date < @to GROUP BY destination, sex";
        var times = new List<double>();
        var clock = Stopwatch.StartNew();
        var r = new Random(3);
        await using var ctx = database.NewContext();
        var connection = ctx.Database.GetDbConnection();
        await connection.OpenAsync();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            var year = 2022 + r.Next(4);
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.CommandTimeout = 0;
            var from = command.CreateParameter();
            from.ParameterName = "@from";
            from.Value = new DateOnly(year, 1, 1);
            var to = command.CreateParameter();
            to.ParameterName = "@to";
            to.Value = new DateOnly(year + 1, 1, 1);
            command.Parameters.Add(from);
            command.Parameters.Add(to);
            var started = Stopwatch.GetTimestamp();
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                }
            }

            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        times.Sort();
        return string.Create(CultureInfo.InvariantCulture,
            $"\nRaw GROUP BY over the fact table (departures of a year by destination × sex, one client, {times.Count} queries): p50 {times[times.Count / 2]:N0} ms, p95 {times[(int)Math.Ceiling(times.Count * 0.95) - 1]:N0} ms");
    }

    private static async Task WriteFactsAsync(BenchDatabase database, int count, List<Guid> agencies, DateTime recordedAt, DateOnly start, int days, int seed)
    {
        var random = new Random(seed);
        var weights = Mix.SelectMany(m => Enumerable.Repeat(m.Kind, m.Weight)).ToArray();
        // Departures not yet ended: a stay ends only a departure made before it, with that departure's dimensions, as
        // the registry does, so the stock abroad never goes below zero in any group.
        var abroad = new List<object?[]>();
        IEnumerable<object?[]> Rows()
        {
            for (var i = 0; i < count; i++)
            {
                var kind = weights[random.Next(weights.Length)];
                if (kind == FactKind.StayEnded && abroad.Count > 0)
                {
                    var at = random.Next(abroad.Count);
                    var left = abroad[at];
                    abroad[at] = abroad[^1];
                    abroad.RemoveAt(abroad.Count - 1);
                    var back = ((DateOnly)left[2]!).AddDays(random.Next(30, 700));
                    var ended = (object?[])left.Clone();
                    ended[0] = Guid.CreateVersion7();
                    ended[1] = nameof(FactKind.StayEnded);
                    ended[2] = back < start.AddDays(days) ? back : start.AddDays(days - 1);
                    yield return ended;
                    continue;
                }

                if (kind == FactKind.StayEnded)
                {
                    kind = FactKind.Departure;
                }

                var date = start.AddDays(random.Next(days));
                var sex = Sexes[random.Next(Sexes.Length)];
                var agency = kind is FactKind.Registration or FactKind.TipReceived || random.Next(3) == 0 ? (Guid?)null : agencies[random.Next(agencies.Count)];
                decimal? amount = kind == FactKind.RecruitmentCost ? random.Next(0, 2000) : null;
                decimal? earnings = kind == FactKind.RecruitmentCost ? random.Next(400, 2500) : null;
                string? detail = kind switch
                {
                    FactKind.Return => "ContractEnded",
                    FactKind.CaseOpened or FactKind.CaseClosed or FactKind.TipReceived => random.Next(2) == 0 ? "UnpaidWages" : "DocumentRetention",
                    FactKind.CaseIndicator => "WithheldWages",
                    FactKind.FeeViolation => FactWriter.FromContract,
                    FactKind.Departure or FactKind.Registration or FactKind.Placement or FactKind.VacancyPublished or FactKind.VacancyClosed
                        or FactKind.Licence or FactKind.Inspection or FactKind.Sanction or FactKind.WagesRecovered or FactKind.RecruitmentCost or FactKind.StayEnded
                        or FactKind.Application or FactKind.Selection => null,
                    FactKind.EmploymentRegistered => throw new NotImplementedException(),
                    _ => null,
                };
                object?[] row =
                [
                    Guid.CreateVersion7(), kind.ToString(), date, sex.Length == 0 ? null : sex, Ages[random.Next(Ages.Length)], Regions[random.Next(Regions.Length)],
                    Destinations[random.Next(Destinations.Length)], random.Next(10).ToString(CultureInfo.InvariantCulture), agency, detail,
                    kind == FactKind.CaseClosed ? "Resolved" : null, kind == FactKind.CaseClosed ? random.Next(0, 20) : null,
                    kind == FactKind.CaseClosed ? random.Next(1, 200) : null, amount, earnings, recordedAt,
                ];
                if (kind == FactKind.Departure)
                {
                    abroad.Add(row);
                }

                yield return row;
            }
        }

        const string columns = "id, kind, date, sex, age_band, region_of_origin, destination, isco_group, agency_id, detail, outcome, days_to_first_contact, days_to_close, amount, earnings, recorded_at";
        if (database.Provider == DatabaseProvider.Postgres)
        {
            await using var connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync();
            await using (var copy = await connection.BeginBinaryImportAsync($"COPY fact ({columns}) FROM STDIN (FORMAT BINARY)"))
            {
                NpgsqlDbType[] types = [NpgsqlDbType.Uuid, NpgsqlDbType.Varchar, NpgsqlDbType.Date, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar,
                    NpgsqlDbType.Varchar, NpgsqlDbType.Uuid, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar, NpgsqlDbType.Integer, NpgsqlDbType.Integer, NpgsqlDbType.Numeric, NpgsqlDbType.Numeric, NpgsqlDbType.TimestampTz];
                foreach (var row in Rows())
                {
                    copy.StartRow();
                    for (var c = 0; c < row.Length; c++)
                    {
                        if (row[c] is null)
                        {
                            copy.WriteNull();
                        }
                        else
                        {
                            copy.Write(row[c], types[c]);
                        }
                    }
                }

                await copy.CompleteAsync();
            }

            await using var analyze = new NpgsqlCommand("ANALYZE fact", connection);
            await analyze.ExecuteNonQueryAsync();
            return;
        }

        await using (var sqlite = new SqliteConnection(database.ConnectionString))
        {
            await sqlite.OpenAsync();
            await using var transaction = (SqliteTransaction)await sqlite.BeginTransactionAsync();
            await using var command = sqlite.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"INSERT INTO fact ({columns}, priority) VALUES ({string.Join(", ", Enumerable.Range(1, 16).Select(i => "$" + i))}, NULL)";
            var parameters = Enumerable.Range(1, 16).Select(i => command.Parameters.Add(new SqliteParameter("$" + i, null))).ToArray();
            command.Prepare();
            foreach (var row in Rows())
            {
                for (var c = 0; c < row.Length; c++)
                {
                    parameters[c].Value = row[c] switch
                    {
                        null => DBNull.Value,
                        Guid g => g.ToString().ToUpperInvariant(),
                        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
                        var v => v,
                    };
                }

                await command.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
        }
    }
}
