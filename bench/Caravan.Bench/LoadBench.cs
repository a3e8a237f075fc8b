using System.Globalization;
using System.Net.Http.Json;
using Caravan.Core.Data;
using Caravan.Core.Vacancies;

namespace Caravan.Bench;

/// <summary>
/// The durations and shares of a load run: each option (--soak-minutes 3) or, for the durations, its environment
/// variable (SOAK_MINUTES=3) overrides the defaults.
/// </summary>
internal sealed record LoadSettings(
    double SoakMinutes, double SoakShare, double SpikeBeforeMinutes, double SpikeMinutes, double SpikeAfterMinutes, double SpikeBaseShare,
    int CapacityClients, double CapacitySeconds, double WarmupSeconds, TimeSpan Timeout, int MaxInFlight, int Vacancies, int Agencies)
{
    public static LoadSettings Parse(string[] args)
    {
        double Number(string option, string? variable, double fallback)
        {
            var i = Array.IndexOf(args, "--" + option);
            var text = i >= 0 && i + 1 < args.Length ? args[i + 1] : variable is null ? null : Environment.GetEnvironmentVariable(variable);
            return string.IsNullOrWhiteSpace(text) ? fallback : double.Parse(text, CultureInfo.InvariantCulture);
        }

        var settings = new LoadSettings(
            Number("soak-minutes", "SOAK_MINUTES", 30), Number("soak-share", null, 0.5),
            Number("spike-before-minutes", "SPIKE_BEFORE_MINUTES", 3), Number("spike-minutes", "SPIKE_MINUTES", 2),
            Number("spike-after-minutes", "SPIKE_AFTER_MINUTES", 3), Number("spike-base-share", null, 0.15),
            (int)Number("clients", null, 16), Number("capacity-seconds", "CAPACITY_SECONDS", 30), Number("warmup-seconds", null, 20),
            TimeSpan.FromSeconds(Number("timeout-seconds", null, 10)), (int)Number("max-in-flight", null, 1000),
            (int)Number("vacancies", null, 5000), (int)Number("agencies", null, 300));
        // The pre-spike p95 is the last minute before the spike, after at least a minute at the base rate.
        return settings.SpikeBeforeMinutes < 2 ? throw new ArgumentException("--spike-before-minutes must be at least 2.") : settings;
    }

    public LoadClient NewClient(AppServer server, TrafficMix mix) => new(server.BaseAddress, mix.Kinds.Count, Timeout, MaxInFlight);
}

/// <summary>
/// Issue 18 item 5: soak and spike against the real node on PostgreSQL with the demo data and generated vacancies. The
/// capacity is measured first, in the same run, and both loads are set from it; charts and a report go to
/// bench/reports/load-…/. Usage: load|soak|spike [--soak-minutes N] [--spike-before-minutes N] [--spike-minutes N]
/// [--spike-after-minutes N] [--capacity-seconds N] [--clients N] [--vacancies N] [--agencies N].
/// </summary>
internal static class LoadBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var mode = args[0];
        var settings = LoadSettings.Parse(args);
        var repo = BenchOptions.FindRepository();
        var started = DateTime.UtcNow;
        Console.WriteLine($"# Caravan load: {mode}, {started:yyyy-MM-dd HH:mm} UTC");
        var options = BenchOptions.Parse(["load", "--provider", "postgres", "--vacancies", settings.Vacancies.ToString(CultureInfo.InvariantCulture),
            "--agencies", settings.Agencies.ToString(CultureInfo.InvariantCulture)]);
        await using var database = await BenchDatabase.CreateAsync(options);
        // The demo data first, by the app's own migrate verb (it refuses a database that already holds agencies), then
        // the generated agencies and vacancies, so searches and lists have a realistic amount to go through.
        AppServer.RunVerb(repo, database, "migrate", new Dictionary<string, string> { ["Demo__Enabled"] = "true" });
        var data = await DataGenerator.FillAsync(database, options);
        Console.WriteLine($"Demo data and {settings.Vacancies:N0} generated vacancies across {settings.Agencies:N0} agencies");

        var limit = "1000000";
        await using var server = await AppServer.StartAsync(repo, database, new Dictionary<string, string>
        {
            // Every request comes from one loopback address: the per-address limits would turn the load into 429s.
            ["RateLimits__SignInPerMinute"] = limit,
            ["RateLimits__CodesPerFiveMinutes"] = limit,
            ["RateLimits__TipsPerTenMinutes"] = limit,
            ["RateLimits__StatisticsPerMinute"] = limit,
            ["RateLimits__ExchangePerMinute"] = limit,
        });
        Loopback.Require(server.BaseAddress);
        var mix = new TrafficMix(
            [.. Enumerable.Range(0, settings.Vacancies).Select(n => ReferenceCode.Create(VacancyCommands.ReferencePrefix, 1_000_000 + n))],
            data.LicenceNumbers,
            await GuideSlugsAsync(server.BaseAddress));
        await CheckEveryKindAsync(server.BaseAddress, mix);

        // Capacity: closed-loop after a warm-up that is not counted (JIT, pools, the database's and the app's caches).
        using (var warm = settings.NewClient(server, mix))
        {
            await CapacityProbe.RunAsync(warm, mix, settings.CapacityClients, TimeSpan.FromSeconds(settings.WarmupSeconds), server.CurrentRssMegabytes, seed: 1);
        }

        LoadWindow capacity;
        using (var probe = settings.NewClient(server, mix))
        {
            capacity = await CapacityProbe.RunAsync(probe, mix, settings.CapacityClients, TimeSpan.FromSeconds(settings.CapacitySeconds), server.CurrentRssMegabytes, seed: 2);
        }

        Console.WriteLine($"Capacity: {capacity.Rate:N1} requests/s at {settings.CapacityClients} clients (p50 {capacity.P(50):N1} ms, p95 {capacity.P(95):N1} ms, {capacity.Errors} errors)");
        if (capacity.Completed == 0)
        {
            throw new InvalidOperationException("No request succeeded while measuring capacity.");
        }

        var soak = mode is "load" or "soak" ? await SoakBench.RunAsync(server, mix, settings, capacity.Rate) : null;
        var spike = mode is "load" or "spike" ? await SpikeBench.RunAsync(server, mix, settings, capacity.Rate) : null;
        var peak = server.PeakRssMegabytes();

        var directory = Path.Combine(repo, "bench", "reports", $"load-{started:yyyy-MM-dd-HHmm}");
        Directory.CreateDirectory(directory);
        var charts = LoadCharts.Write(directory, soak, spike);
        var report = LoadReport.Markdown(new LoadReport.Run(mode, started, settings, mix, capacity, soak, spike, peak, charts));
        var file = Path.Combine(directory, "report.md");
        await File.WriteAllTextAsync(file, report);
        Console.WriteLine();
        Console.WriteLine(report);
        Console.WriteLine($"Report and charts: {Path.GetRelativePath(repo, directory)}/");
        var passed = (soak is null || (soak.SlopePasses && soak.ErrorsPass)) && (spike is null || (spike.ErrorsPass && spike.RecoveryPasses));
        return passed ? 0 : 1;
    }

    private sealed record GuideSummary(string Slug);

    private static async Task<IReadOnlyList<string>> GuideSlugsAsync(Uri baseAddress)
    {
        using var http = new HttpClient { BaseAddress = baseAddress };
        var guides = await http.GetFromJsonAsync<List<GuideSummary>>("/api/v1/guides") ?? [];
        return [.. guides.Select(g => g.Slug).Distinct()];
    }

    /// <summary>Every kind of request must answer before the load starts: a mix with a broken path would measure errors.</summary>
    private static async Task CheckEveryKindAsync(Uri baseAddress, TrafficMix mix)
    {
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = baseAddress };
        var failures = new List<string>();
        foreach (var (kind, path) in mix.Examples(TrafficMix.Cultures.Length))
        {
            using var response = await http.GetAsync(path);
            if ((int)response.StatusCode is < 200 or >= 400)
            {
                failures.Add($"{kind}: {(int)response.StatusCode} GET {path}");
            }
        }

        if (failures.Count > 0)
        {
            throw new InvalidOperationException("Requests of the mix fail before any load:\n" + string.Join('\n', failures));
        }
    }
}
