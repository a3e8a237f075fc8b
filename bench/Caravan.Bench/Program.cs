using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Caravan.Bench;
using Caravan.Core.Data;

// Duplicate detection needs neither a database nor the server.
if (args.FirstOrDefault() == "dedup")
{
    await DedupBench.RunAsync(args);
    return;
}

// Case queues, dashboards and files (issue 5) run in process against PostgreSQL, without the server.
if (args.FirstOrDefault() == "cases")
{
    await CaseBench.RunAsync(args);
    return;
}

// Statistics (issue 12): facts, fold and rebuild in process, then the API over HTTP.
if (args.FirstOrDefault() == "statistics")
{
    await StatisticsBench.RunAsync(args);
    return;
}

// Exchange between nodes (issue 17 §8): two nodes in process, each with its own database.
if (args.FirstOrDefault() == "exchange")
{
    await ExchangeBench.RunAsync(args);
    return;
}

// Matching (issue 15 §3) runs in process against the database, without the server.
if (args.FirstOrDefault() == "match")
{
    await MatchBench.RunAsync(args);
    return;
}

// Soak and spike (issue 18 item 5): the real server under open-loop load set from its capacity measured in the same run.
if (args.FirstOrDefault() is "load" or "soak" or "spike")
{
    Environment.ExitCode = await LoadBench.RunAsync(args);
    return;
}

// Registry import and person search run in process against the database, without the server.
if (args.FirstOrDefault() == "import")
{
    await ImportBench.RunAsync(args);
    return;
}

// Caravan's performance scenarios (issue 3, §6). Each builds its own database, starts the real server in Release as a
// separate process, drives it over HTTP and prints a Markdown table with a baseline measured in the same run.
var options = BenchOptions.Parse(args);
var repo = BenchOptions.FindRepository();
Console.WriteLine($"# Caravan benchmark: {options.Scenario} on {options.Provider}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}");

// --existing "connection string": a database kept by an earlier run (--keep), searched as it is (search scenario only).
var existing = Array.IndexOf(args, "--existing") is var ei and >= 0 && ei + 1 < args.Length ? args[ei + 1] : null;
await using var database = existing is null ? await BenchDatabase.CreateAsync(options) : BenchDatabase.Attach(options.Provider, existing);
database.Keep = existing is not null || args.Contains("--keep");
var clock = Stopwatch.StartNew();
var data = existing is null ? await DataGenerator.FillAsync(database, options) : new GeneratedData([], Guid.Empty, string.Empty);
Console.WriteLine(existing is null ? $"Generated {options.Vacancies:N0} vacancies across {options.Agencies:N0} agencies in {clock.Elapsed.TotalSeconds:N0} s" : "Existing database: " + existing);

if (options.Scenario == "profile")
{
    await Profile.RunAsync(database);
    return;
}

await using var server = await AppServer.StartAsync(repo, database);
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Clients * 2 }) { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
var report = new List<string>();

if (options.Scenario is "search" or "all")
{
    var words = DataGenerator.SearchWords;
    var destinations = DataGenerator.Destinations;
    var baseline = await LoadTest.RunAsync(http, options, _ => "/api/v1/status");
    var search = await LoadTest.RunAsync(http, options, r =>
        $"/api/v1/vacancies?q={words[r.Next(words.Length)]}&destination={destinations[r.Next(destinations.Length)]}&isco={r.Next(1, 10)}");
    // The same searches with each word in a random mix of capitals and with up to nine spaces after it: the query the
    // database gets is the same, but almost every request is one the app has not seen, so none is answered from its
    // list cache (VacancyListingCache). What a search costs the first time, against the same ceiling.
    var fresh = await LoadTest.RunAsync(http, options, r =>
        $"/api/v1/vacancies?q={Uri.EscapeDataString(AnyCase(words[r.Next(words.Length)], r) + new string(' ', r.Next(10)))}&destination={destinations[r.Next(destinations.Length)]}&isco={r.Next(1, 10)}");
    report.Add(LoadTest.Header);
    report.Add(baseline.Row("Baseline: GET /api/v1/status", baseline));
    report.Add(search.Row($"Search: text + destination + ISCO group, {options.Vacancies:N0} vacancies", baseline));
    report.Add(fresh.Row("The same, each written anew (random capitals and spaces; not cached)", baseline));
    // The ceiling: the same searches as raw SQL in this process, with the occupations each word finds as the app has them.
    var occupations = new Dictionary<string, List<string>>(StringComparer.Ordinal);
    await using (var db = database.NewContext())
    {
        var catalogue = new Caravan.Core.Reference.Catalogue(db, new Microsoft.Extensions.Caching.Memory.MemoryCache(new Microsoft.Extensions.Caching.Memory.MemoryCacheOptions()));
        foreach (var word in words)
        {
            occupations[word] = await catalogue.IscoUnitsMatchingWordsAsync([word]);
        }
    }

    var ceiling = await SearchCeiling.RunAsync(database, options, occupations);
    report.Add(ceiling.Row("Ceiling: the same two steps as raw SQL (ADO.NET, pooled, in process; server columns = client)", baseline));
}

if (options.Scenario is "lookup" or "all")
{
    var baseline = await LoadTest.RunAsync(http, options, _ => "/api/v1/status");
    var lookup = await LoadTest.RunAsync(http, options, r => $"/api/v1/agencies/{data.LicenceNumbers[r.Next(data.LicenceNumbers.Count)]}");
    report.Add(LoadTest.Header);
    report.Add(baseline.Row("Baseline: GET /api/v1/status", baseline));
    report.Add(lookup.Row($"Register lookup by licence number, {options.Agencies:N0} agencies", baseline));
    if (database.Provider == DatabaseProvider.Postgres)
    {
        var ceiling = await LookupCeiling.RunAsync(database, options, data.LicenceNumbers);
        report.Add(ceiling.Row("Ceiling: the same lookup as raw SQL (ADO.NET, pooled, in process; server columns = client)", baseline));
    }
}

if (options.Scenario is "bulk" or "all")
{
    report.Add(await BulkTest.RunAsync(http, database, data, options));
}

report.Add($"\nPeak memory (VmHWM) of the server process: {server.PeakRssMegabytes():N0} MB (target ≤ 500 MB)");
Console.WriteLine();
foreach (var line in report)
{
    Console.WriteLine(line);
}

static string AnyCase(string word, Random random) =>
    string.Concat(word.Select(c => random.Next(2) == 0 ? char.ToUpperInvariant(c) : c));

namespace Caravan.Bench
{
    internal sealed record BenchOptions(string Scenario, DatabaseProvider Provider, int Vacancies, int Agencies, int Clients, int Seconds, int BulkRows, int BulkRequests)
    {
        public static BenchOptions Parse(string[] args)
        {
            string Arg(string name, string fallback)
            {
                var i = Array.IndexOf(args, "--" + name);
                return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
            }

            var scenario = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "all";
            var provider = Arg("provider", "postgres") == "sqlite" ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres;
            var defaultVacancies = provider == DatabaseProvider.Postgres ? 1_000_000 : 100_000;
            int Int(string name, int fallback) => int.Parse(Arg(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
            return new BenchOptions(scenario, provider, Int("vacancies", defaultVacancies), Int("agencies", 2000), Int("clients", 16), Int("seconds", 20),
                Int("bulk-rows", 10_000), Int("bulk-requests", 3));
        }

        public static string FindRepository()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Caravan.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("Run from inside the repository.");
        }
    }

    internal static class Json
    {
        public static async Task<T> ReadAsync<T>(HttpResponseMessage response) =>
            (await response.Content.ReadFromJsonAsync<T>()) ?? throw new InvalidOperationException("Empty response.");
    }
}
