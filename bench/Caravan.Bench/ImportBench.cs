using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Caravan.Core.Audit;
using Caravan.Core.Data;
using Caravan.Core.Migrants;
using Caravan.Core.Migrants.Import;
using Caravan.Core.Migrants.Matching;
using Caravan.Core.Tests.Migrants.Matching;
using Caravan.Core.Reference;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Caravan.Bench;

/// <summary>
/// Registry import (issue 4): a synthetic national extract written to a CSV file, loaded first by the database's own bulk path
/// into a bare table (the baseline), then by <see cref="PersonImporter"/> with every check, key and encryption. The load phase
/// and the matching phase are timed apart; with --search the person search runs on the loaded registry before matching.
/// Options: --provider postgres|sqlite, --rows N (default 1,000,000), --seed S, --search, --clients N, --seconds N, --no-match, --keep.
/// </summary>
internal static class ImportBench
{
    public const string CsvHeader = "family_name,given_name,patronymic,birth_date,sex,citizenship,region,document_number,phone";

    public static async Task RunAsync(string[] args)
    {
        var options = BenchOptions.Parse(args);
        int Int(string name, int fallback)
        {
            var i = Array.IndexOf(args, "--" + name);
            return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        }

        var rows = Int("rows", 1_000_000);
        var seed = Int("seed", 1);
        Console.WriteLine($"# Caravan benchmark: import on {options.Provider}, {rows:N0} rows, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, server GC {System.Runtime.GCSettings.IsServerGC}");

        await using var database = await BenchDatabase.CreateAsync(options);
        database.Keep = args.Contains("--keep");
        var keys = Directory.CreateTempSubdirectory("caravan-bench-keys-");
        var csvPath = Path.Combine(Path.GetTempPath(), $"caravan-import-{Guid.NewGuid():N}.csv");
        try
        {
            await using var services = BuildServices(database, keys);
            var reference = await WithScopeAsync(services, sp => PersonImportJob.ReferenceDataAsync(sp.GetRequiredService<Catalogue>(), "UZ", CancellationToken.None));

            var clock = Stopwatch.StartNew();
            var extract = WriteExtract(csvPath, rows, seed, reference.Regions.Order(StringComparer.Ordinal).ToArray());
            var fileBytes = new FileInfo(csvPath).Length;
            Console.WriteLine($"Extract: {rows:N0} rows ({extract.Duplicates:N0} second records of a person, {extract.WithPassport:N0} with a passport, {extract.Cyrillic:N0} in Cyrillic), {fileBytes / 1e6:N0} MB, written in {clock.Elapsed.TotalSeconds:N0} s");
            // The generated records are not part of an import; free them so the peaks below are the importer's.
            var samples = extract.Samples;
            extract = extract with { Samples = null! };
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            ResetPeak();

            var before = await BaselineAsync(database, csvPath);
            Console.WriteLine($"Baseline before: {before.Rows:N0} rows in {before.Seconds:N1} s");

            var import = await LoadAsync(services, csvPath, fileBytes, reference, rows);
            Console.WriteLine($"Load: {import.Imported:N0} imported, {import.Failed:N0} failed, {import.Seconds:N1} s");

            var after = await BaselineAsync(database, csvPath);
            Console.WriteLine($"Baseline after: {after.Rows:N0} rows in {after.Seconds:N1} s");

            string? search = null;
            if (args.Contains("--search") && database.Provider == DatabaseProvider.Postgres)
            {
                await AnalyzeAsync(database);
                search = await PersonSearchBench.RunAsync(services, database, samples, Int("clients", 12), Int("seconds", 20));
            }

            // After the search, whose figures would otherwise include reading back pages the ceiling's tables evicted.
            var ceiling = database.Provider == DatabaseProvider.Postgres ? await CeilingAsync(database, import.Id) : await SqliteCeilingAsync(database, import.Id);

            MatchResult? match = null;
            var small = new List<(int Rows, double Seconds, double MatchSeconds, long Pairs)>();
            if (!args.Contains("--no-match"))
            {
                match = await MatchAsync(services, import.Id, csvPath);
                // A daily extract into the registry just built: half of it records already there (so it has pairs), half
                // new people. Before it was matched around its own rows, this paid for the whole matching phase above.
                foreach (var size in new[] { 3, 100, 1_000 })
                {
                    small.Add(await SmallImportAsync(services, samples, size, seed, reference));
                }
            }

            var baseline = before.RowsPerSecond >= after.RowsPerSecond ? before : after;
            var what = database.Provider == DatabaseProvider.Postgres
                ? "`COPY bare_person FROM STDIN (FORMAT csv)` of the same file, 9 text columns, no index"
                : "prepared `INSERT` of the same rows (file split on commas) into a bare 9-text-column table, one transaction";
            Console.WriteLine();
            Console.WriteLine("| Phase | Rows | Time s | Rows/s | Ratio to baseline | Peak RSS |");
            Console.WriteLine("|---|---|---|---|---|---|");
            Console.WriteLine(Row($"Baseline before the import: {what}", before.Rows, before.Seconds, baseline, null));
            Console.WriteLine(Row("Baseline after the import (same)", after.Rows, after.Seconds, baseline, null));
            Console.WriteLine(Row($"Import, load phase: read, check, keys, encrypt, write, commit per {PersonImporter.BatchSize:N0} ({import.Imported:N0} written, {import.Failed:N0} rejected)",
                import.Rows, import.Seconds, baseline, import.PeakMegabytes));
            if (ceiling is not null)
            {
                var how = database.Provider == DatabaseProvider.Postgres ? "by binary `COPY`" : "by one `INSERT … SELECT` inside SQLite";
                Console.WriteLine(Row($"Ceiling: the imported rows, already checked, keyed and encrypted, {how} into a copy of `person` with its indexes (no importer work at all)", ceiling.Rows, ceiling.Indexed, baseline, null));
                Console.WriteLine(Row("The same rows into a copy of `person` without indexes", ceiling.Rows, ceiling.Bare, baseline, null));
                Console.WriteLine(Row("The same rows into a copy without indexes, then `CREATE INDEX` of each of them", ceiling.Rows, ceiling.Bare + ceiling.IndexBuild, baseline, null));
            }

            if (match is not null)
            {
                Console.WriteLine($"| Import, matching phase: record linkage over the registry, {match.Merged:N0} merged, {match.ForReview:N0} for review | {import.Imported:N0} | {match.Seconds:N1} | — | — | {match.PeakMegabytes:N0} MB |");
                Console.WriteLine(Row("Import, load + matching", import.Rows, import.Seconds + match.Seconds, baseline, Math.Max(import.PeakMegabytes, match.PeakMegabytes)));
                Console.WriteLine();
                Console.WriteLine("| A later, small extract into this registry | Rows | Load + matching s | Matching s | Pairs | Matching, ratio to the whole matching phase above |");
                Console.WriteLine("|---|---|---|---|---|---|");
                foreach (var (n, seconds, matchSeconds, pairs) in small)
                {
                    Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "| {0:N0} rows, half already registered | {0:N0} | {1:N2} | {2:N2} | {3:N0} | {4:0.0000} |", n, seconds, matchSeconds, pairs, matchSeconds / match.Seconds));
                }
            }

            Console.WriteLine($"\nLoad-phase ratio to the faster baseline: {import.Rows / import.Seconds / baseline.RowsPerSecond:0.000} (target ≥ 0.25)");
            if (search is not null)
            {
                Console.WriteLine(search);
            }
        }
        finally
        {
            File.Delete(csvPath);
            keys.Delete(recursive: true);
        }
    }

    private static string Row(string label, long rows, double seconds, Baseline baseline, long? peak) =>
        string.Format(CultureInfo.InvariantCulture, "| {0} | {1:N0} | {2:N1} | {3:N0} | {4:0.000} | {5} |",
            label, rows, seconds, rows / seconds, rows / seconds / baseline.RowsPerSecond, peak is null ? "" : $"{peak:N0} MB");

    public static ServiceProvider BuildServices(BenchDatabase database, DirectoryInfo keys)
    {
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IAuditActor, SystemAuditActor>();
        services.AddCaravanData(database.Provider, database.ConnectionString);
        services.AddMemoryCache();
        services.AddScoped<Catalogue>();
        // The same primitives as the app (Data Protection with the node's algorithm, a file key ring, a 256-bit lookup key).
        services.AddSingleton(new SensitiveData(
            DataProtectionProvider.Create(keys, b => b.SetApplicationName("Caravan").UseCryptographicAlgorithms(SensitiveData.Algorithms)), RandomNumberGenerator.GetBytes(32)));
        services.AddScoped<PersonImporter>();
        services.AddScoped<ImportMatcher>();
        services.AddScoped<RegistryQueries>();
        return services.BuildServiceProvider();
    }

    public static async Task<T> WithScopeAsync<T>(IServiceProvider services, Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    internal sealed record Extract(int Duplicates, int WithPassport, int Cyrillic, IReadOnlyList<SyntheticPerson> Samples);

    private static Extract WriteExtract(string path, int rows, int seed, string[] regions)
    {
        var set = SyntheticPersons.Generate(rows, 0.1, seed);
        var random = new Random(seed);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.WriteLine(CsvHeader);
        var withPassport = 0;
        var cyrillic = 0;
        foreach (var p in set.Persons)
        {
#pragma warning disable CA5394 // Deterministic test data, not security.
            writer.Write(p.FamilyName);
            writer.Write(',');
            writer.Write(p.GivenName);
            writer.Write(',');
            writer.Write(p.Patronymic);
            writer.Write(',');
            writer.Write(p.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            writer.Write(p.Sex == MatchSex.Female ? ",F,UZ," : ",M,UZ,");
            writer.Write(regions[random.Next(regions.Length)]);
            writer.Write(',');
            writer.Write(p.PassportNumber);
            writer.Write(',');
            if (random.Next(2) == 0)
            {
                writer.Write(string.Create(CultureInfo.InvariantCulture, $"+998 9{random.Next(10)} {random.Next(1000):000} {random.Next(100):00} {random.Next(100):00}"));
            }
#pragma warning restore CA5394

            writer.WriteLine();
            withPassport += p.PassportNumber is null ? 0 : 1;
            cyrillic += p.FamilyName.Any(c => c is >= '\u0400' and <= '\u04FF') ? 1 : 0;
        }

        // Search queries are drawn from the extract; a few thousand records are enough and cheap to keep.
        var samples = set.Persons.Where((_, i) => i % Math.Max(1, rows / 4000) == 0).ToList();
        return new Extract(set.TruePairs.Count, withPassport, cyrillic, samples);
    }

    private sealed record Baseline(long Rows, double Seconds)
    {
        public double RowsPerSecond => Rows / Seconds;
    }

    private static async Task<Baseline> BaselineAsync(BenchDatabase database, string csvPath)
    {
        const string columns = "family_name text, given_name text, patronymic text, birth_date text, sex text, citizenship text, region text, document_number text, phone text";
        if (database.Provider == DatabaseProvider.Postgres)
        {
            await using var connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync();
            await Execute(connection, $"DROP TABLE IF EXISTS bare_person; CREATE TABLE bare_person ({columns})");
            var clock = Stopwatch.StartNew();
            using (var reader = new StreamReader(csvPath, Encoding.UTF8))
            await using (var copy = await connection.BeginTextImportAsync("COPY bare_person FROM STDIN (FORMAT csv, HEADER true)"))
            {
                var buffer = new char[1 << 16];
                int read;
                while ((read = await reader.ReadAsync(buffer)) > 0)
                {
                    await copy.WriteAsync(buffer.AsMemory(0, read));
                }
            }

            var seconds = clock.Elapsed.TotalSeconds;
            await using var count = new NpgsqlCommand("SELECT count(*) FROM bare_person", connection);
            var rows = (long)(await count.ExecuteScalarAsync())!;
            await Execute(connection, "DROP TABLE bare_person");
            return new Baseline(rows, seconds);
        }

        await using (var connection = new SqliteConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await Execute(connection, $"DROP TABLE IF EXISTS bare_person; CREATE TABLE bare_person ({columns})");
            var clock = Stopwatch.StartNew();
            long rows = 0;
            await using (var transaction = (SqliteTransaction)await connection.BeginTransactionAsync())
            {
                await using var insert = connection.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = "INSERT INTO bare_person VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
                var parameters = Enumerable.Range(1, 9).Select(i => insert.Parameters.Add("$" + i, SqliteType.Text)).ToArray();
                insert.Prepare();
                using var reader = new StreamReader(csvPath, Encoding.UTF8);
                await reader.ReadLineAsync();
                while (await reader.ReadLineAsync() is { } line)
                {
                    var fields = line.Split(',');
                    for (var i = 0; i < parameters.Length; i++)
                    {
                        parameters[i].Value = fields[i].Length == 0 ? DBNull.Value : fields[i];
                    }

                    await insert.ExecuteNonQueryAsync();
                    rows++;
                }

                await transaction.CommitAsync();
            }

            var seconds = clock.Elapsed.TotalSeconds;
            await Execute(connection, "DROP TABLE bare_person");
            return new Baseline(rows, seconds);
        }
    }

    private sealed record Ceiling(long Rows, double Indexed, double Bare, double IndexBuild);

    /// <summary>
    /// What the database alone costs for this import: the imported rows, exported in binary, loaded again by COPY with no
    /// client work into a copy of the person table with its indexes, and without them (then indexed by CREATE INDEX).
    /// An importer cannot be faster than the first, so it bounds the ratio any importer can reach on this table.
    /// </summary>
    private static async Task<Ceiling> CeilingAsync(BenchDatabase database, Guid importId)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { CommandTimeout = 0 }.ConnectionString);
        await connection.OpenAsync();
        var path = Path.Combine(Path.GetTempPath(), $"caravan-person-{Guid.NewGuid():N}.bin");
        try
        {
            await using (var output = File.Create(path))
            await using (var export = await connection.BeginRawBinaryCopyAsync($"COPY (SELECT * FROM person WHERE import_id = '{importId}') TO STDOUT (FORMAT binary)"))
            {
                await export.CopyToAsync(output);
            }

            async Task<double> LoadAsync(string table)
            {
                var clock = Stopwatch.StartNew();
                await using (var input = File.OpenRead(path))
                await using (var copy = await connection.BeginRawBinaryCopyAsync($"COPY {table} FROM STDIN (FORMAT binary)"))
                {
                    await input.CopyToAsync(copy);
                }

                return clock.Elapsed.TotalSeconds;
            }

            await Execute(connection, "DROP TABLE IF EXISTS person_ceiling; CREATE TABLE person_ceiling (LIKE person INCLUDING ALL); CHECKPOINT");
            var indexed = await LoadAsync("person_ceiling");
            await Execute(connection, "DROP TABLE IF EXISTS person_bare; CREATE TABLE person_bare (LIKE person INCLUDING DEFAULTS); CHECKPOINT");
            var bare = await LoadAsync("person_bare");
            await using var count = new NpgsqlCommand("SELECT count(*) FROM person_bare", connection);
            var rows = (long)(await count.ExecuteScalarAsync())!;
            // The same definitions as the real table's indexes, renamed onto the bare copy.
            var definitions = new List<string>();
            await using (var read = new NpgsqlCommand("SELECT indexdef FROM pg_indexes WHERE tablename = 'person'", connection))
            await using (var reader = await read.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    definitions.Add(reader.GetString(0));
                }
            }

            var build = Stopwatch.StartNew();
            foreach (var (definition, i) in definitions.Select((d, i) => (d, i)))
            {
                var sql = System.Text.RegularExpressions.Regex.Replace(definition, @"INDEX \S+ ON public\.person ", $"INDEX person_bare_{i} ON public.person_bare ");
                await Execute(connection, sql);
            }

            var indexBuild = build.Elapsed.TotalSeconds;
            await Execute(connection, "DROP TABLE person_ceiling; DROP TABLE person_bare");
            Console.WriteLine($"Ceiling: {rows:N0} rows, {definitions.Count} indexes: COPY with indexes {indexed:N1} s, without {bare:N1} s, CREATE INDEX {indexBuild:N1} s");
            return new Ceiling(rows, indexed, bare, indexBuild);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// The SQLite counterpart of <see cref="CeilingAsync"/>: the imported rows copied by SQLite itself (no binding, no client
    /// work, one transaction) into a copy of the person table with the same indexes, and into one without.
    /// </summary>
    private static async Task<Ceiling> SqliteCeilingAsync(BenchDatabase database, Guid importId)
    {
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        var definitions = new List<string>();
        await using (var read = new SqliteCommand("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'person' AND sql IS NOT NULL", connection))
        await using (var reader = await read.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                definitions.Add(reader.GetString(0));
            }
        }

        string OnTable(string definition, string table, int i) =>
            System.Text.RegularExpressions.Regex.Replace(definition, "INDEX \"?[^\" ]+\"? ON \"?person\"?", $"INDEX {table}_{i} ON {table}");
        // EF stores the import id as upper-case text.
        var filter = $"WHERE import_id = '{importId.ToString().ToUpperInvariant()}'";

        async Task<double> CopyAsync(string table, bool indexed)
        {
            await Execute(connection, $"DROP TABLE IF EXISTS {table}; CREATE TABLE {table} AS SELECT * FROM person WHERE 0");
            if (indexed)
            {
                foreach (var (definition, i) in definitions.Select((d, i) => (d, i)))
                {
                    await Execute(connection, OnTable(definition, table, i));
                }
            }

            var clock = Stopwatch.StartNew();
            await Execute(connection, $"BEGIN; INSERT INTO {table} SELECT * FROM person {filter}; COMMIT");
            return clock.Elapsed.TotalSeconds;
        }

        var indexed = await CopyAsync("person_ceiling", indexed: true);
        var bare = await CopyAsync("person_bare", indexed: false);
        await using var count = new SqliteCommand("SELECT count(*) FROM person_bare", connection);
        var rows = (long)(await count.ExecuteScalarAsync())!;
        var build = Stopwatch.StartNew();
        foreach (var (definition, i) in definitions.Select((d, i) => (d, i)))
        {
            await Execute(connection, OnTable(definition, "person_bare", i));
        }

        var indexBuild = build.Elapsed.TotalSeconds;
        await Execute(connection, "DROP TABLE person_ceiling; DROP TABLE person_bare");
        Console.WriteLine($"Ceiling: {rows:N0} rows, {definitions.Count} indexes: copy with indexes {indexed:N1} s, without {bare:N1} s, CREATE INDEX {indexBuild:N1} s");
        return new Ceiling(rows, indexed, bare, indexBuild);
    }

    private static async Task Execute(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private sealed record LoadResult(Guid Id, long Rows, long Imported, long Failed, double Seconds, long PeakMegabytes);

    private sealed class Synchronous(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }

    private static async Task<LoadResult> LoadAsync(IServiceProvider services, string csvPath, long fileBytes, ImportReferenceData reference, int rows)
    {
        var id = await WithScopeAsync(services, async sp => (await sp.GetRequiredService<PersonImporter>().CreateAsync("extract.csv", null, "bench", fileBytes, null)).Id);
        ResetPeak();
        long peak = 0;
        var cpu = MachineCpu.Now();
        var clock = Stopwatch.StartNew();
        var loaded = TimeSpan.Zero;
        var cpuLoaded = cpu;
        // The last report comes once the import is marked Matching; stopping there splits the load from the matching,
        // which then runs as a resumed import (MatchAsync below), exactly as after a restart.
        using var stop = new CancellationTokenSource();
        var progress = new Synchronous(p =>
        {
            peak = Math.Max(peak, PeakMegabytes());
            ResetPeak();
            loaded = clock.Elapsed;
            cpuLoaded = MachineCpu.Now();
            // The last full batch reports the same row count as the end of the load, so ask the database which one this is.
            if (p.Rows >= rows && IsLoaded(services, id))
            {
                stop.Cancel();
            }
        });
        try
        {
            await WithScopeAsync(services, async sp =>
            {
                await using var file = File.OpenRead(csvPath);
                await sp.GetRequiredService<PersonImporter>().RunAsync(id, file, reference, progress, stop.Token);
                return 0;
            });
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }

        peak = Math.Max(peak, PeakMegabytes());
        var state = await WithScopeAsync(services, sp => sp.GetRequiredService<CaravanDbContext>().Set<RegistryImport>().AsNoTracking().SingleAsync(i => i.Id == id));
        if (state.Status != ImportStatus.Matching)
        {
            throw new InvalidOperationException($"Import stopped as {state.Status} ({state.FailureKey}).");
        }

        Console.WriteLine($"Load-phase CPU: {cpuLoaded.Describe(cpu, loaded)}");
        return new LoadResult(id, state.LastRow, state.RowsImported, state.RowsFailed, loaded.TotalSeconds, peak);
    }

    private static bool IsLoaded(IServiceProvider services, Guid id)
    {
        using var scope = services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<CaravanDbContext>().Set<RegistryImport>().AsNoTracking().Single(i => i.Id == id).Status == ImportStatus.Matching;
    }

    private sealed record MatchResult(double Seconds, long Merged, long ForReview, long PeakMegabytes);

    private static async Task<MatchResult> MatchAsync(IServiceProvider services, Guid id, string csvPath)
    {
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        ResetPeak();
        var cpu = MachineCpu.Now();
        var clock = Stopwatch.StartNew();
        await WithScopeAsync(services, async sp =>
        {
            await using var file = File.OpenRead(csvPath);
            var reference = new ImportReferenceData("UZ", new HashSet<string>(), new HashSet<string>());
            await sp.GetRequiredService<PersonImporter>().RunAsync(id, file, reference, null);
            return 0;
        });
        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"Matching-phase CPU: {MachineCpu.Now().Describe(cpu, clock.Elapsed)}");
        var state = await WithScopeAsync(services, sp => sp.GetRequiredService<CaravanDbContext>().Set<RegistryImport>().AsNoTracking().SingleAsync(i => i.Id == id));
        return new MatchResult(seconds, state.PairsMerged, state.PairsForReview, PeakMegabytes());
    }

    private static async Task<(int Rows, double Seconds, double MatchSeconds, long Pairs)> SmallImportAsync(IServiceProvider services, IReadOnlyList<SyntheticPerson> samples, int rows, int seed, ImportReferenceData reference)
    {
        var text = new StringBuilder().AppendLine(CsvHeader);
        var again = samples.Take(rows / 2);
        var fresh = SyntheticPersons.Generate(rows - (rows / 2), 0, seed + rows).Persons;
        foreach (var p in again.Concat(fresh))
        {
            text.Append(CultureInfo.InvariantCulture, $"{p.FamilyName},{p.GivenName},{p.Patronymic},{p.BirthDate:yyyy-MM-dd},{(p.Sex == MatchSex.Female ? "F" : "M")},UZ,{reference.Regions.Min(StringComparer.Ordinal)},{p.PassportNumber},").AppendLine();
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        var clock = Stopwatch.StartNew();
        var id = await WithScopeAsync(services, async sp =>
        {
            var importer = sp.GetRequiredService<PersonImporter>();
            var created = await importer.CreateAsync($"daily-{rows}.csv", null, Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes.Length, null);
            await importer.RunAsync(created.Id, new MemoryStream(bytes), reference, null);
            return created.Id;
        });
        var seconds = clock.Elapsed.TotalSeconds;
        var state = await WithScopeAsync(services, sp => sp.GetRequiredService<CaravanDbContext>().Set<RegistryImport>().AsNoTracking().SingleAsync(i => i.Id == id));
        if (state.Status != ImportStatus.Completed || state.RowsImported != rows)
        {
            throw new InvalidOperationException($"The {rows}-row extract ended {state.Status} with {state.RowsImported} rows imported.");
        }

        return (rows, seconds, (state.FinishedAt!.Value - state.LoadedAt!.Value).TotalSeconds, state.PairsMerged + state.PairsForReview);
    }

    private static async Task AnalyzeAsync(BenchDatabase database)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await Execute(connection, "VACUUM ANALYZE person");
    }

    /// <summary>The process's peak resident set (VmHWM) since the last <see cref="ResetPeak"/>.</summary>
    public static long PeakMegabytes()
    {
        var line = File.Exists("/proc/self/status") ? File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal)) : null;
        return line is null
            ? Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)
            : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    /// <summary>Linux resets VmHWM to the current RSS when 5 is written to clear_refs, so each phase gets its own peak.</summary>
    public static void ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>
/// This process's CPU time and the whole machine's busy and idle time (/proc/stat), to tell the importer's own work from the
/// database server's and from time when both cores wait.
/// </summary>
internal readonly record struct MachineCpu(TimeSpan Process, long Busy, long Idle, long Postgres)
{
    public static MachineCpu Now()
    {
        long busy = 0, idle = 0;
        if (File.Exists("/proc/stat"))
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            // user nice system idle iowait irq softirq steal
            idle = fields[3] + fields[4];
            busy = fields.Take(8).Sum() - idle;
        }

        return new MachineCpu(System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime, busy, idle, PostgresTicks());
    }

    // utime + stime of every live postgres process, plus the time of the ones that have exited (connections closed, parallel
    // workers), which the postmaster gathers as cutime + cstime when it reaps them; without it the sum fell when a backend
    // exited and a phase could show negative database CPU. The machine is shared, so "everything but us" would overstate it.
    private static long PostgresTicks()
    {
        long ticks = 0;
        foreach (var dir in Directory.Exists("/proc") ? Directory.EnumerateDirectories("/proc") : [])
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var close = stat.LastIndexOf(')');
                if (close < 0 || !stat.AsSpan(0, close).EndsWith("(postgres", StringComparison.Ordinal))
                {
                    continue;
                }

                var fields = stat[(close + 2)..].Split(' ');
                ticks += fields[11..15].Sum(f => long.Parse(f, CultureInfo.InvariantCulture));
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return ticks;
    }

    public string Describe(MachineCpu start, TimeSpan wall)
    {
        var tick = 100.0; // USER_HZ
        var busy = (Busy - start.Busy) / tick;
        var idle = (Idle - start.Idle) / tick;
        var own = (Process - start.Process).TotalSeconds;
        var postgres = (Postgres - start.Postgres) / tick;
        return string.Format(CultureInfo.InvariantCulture, "wall {0:N1} s; this process {1:N1} CPU-s; PostgreSQL {2:N1} CPU-s; other processes on the machine {3:N1} CPU-s; idle or waiting on disk {4:N1} CPU-s",
            wall.TotalSeconds, own, postgres, busy - own - postgres, idle);
    }
}
