using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Caravan.Core.Audit;
using Caravan.Core.Cases;
using Caravan.Core.Data;
using Caravan.Core.Identity;
using Caravan.Core.Migrants;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Caravan.Bench;

/// <summary>
/// Issue 5 §6, in process on PostgreSQL: a team's queue page query, a supervisor's dashboard query and the opening of a
/// case file (access check, decryption of the narrative, indicators and timeline), from N concurrent tasks, each request
/// in its own DI scope and DbContext as in the web app, over 200,000 cases; the baseline is <c>SELECT 1</c> through the
/// same DbContext in the same run. Four cases in five are about a registered person, so opening their file also writes the
/// person's access log. Page rendering is not included: it is measured by the HTTP scenarios of issue 3.
/// Options: --cases N (default 200,000), --teams N (20), --clients N[,N...] (2,8), --seconds N (20), --keep.
/// </summary>
internal static class CaseBench
{
    private sealed record Sample(int Kind, double Milliseconds);

    public static async Task RunAsync(string[] args)
    {
        int Int(string name, int fallback)
        {
            var i = Array.IndexOf(args, "--" + name);
            return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        }

        var options = BenchOptions.Parse(args);
        var total = Int("cases", 200_000);
        var teamCount = Int("teams", 20);
        // Latency at one task per core, then throughput with more tasks than cores (queueing included in the times).
        var clientCounts = (Array.IndexOf(args, "--clients") is var ci and >= 0 && ci + 1 < args.Length ? args[ci + 1] : "2,8")
            .Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray();
        var seconds = Int("seconds", 20);
        Console.WriteLine($"# Caravan benchmark: cases on {options.Provider}, {total:N0} cases, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        await using var database = await BenchDatabase.CreateAsync(options);
        database.Keep = args.Contains("--keep");
        var keys = Directory.CreateTempSubdirectory("caravan-bench-keys-");
        var documents = Directory.CreateTempSubdirectory("caravan-bench-docs-");
        try
        {
            var services = new ServiceCollection();
            services.AddSingleton(TimeProvider.System);
            services.AddSingleton<IAuditActor, SystemAuditActor>();
            services.AddCaravanData(database.Provider, database.ConnectionString);
            services.AddSingleton(new SensitiveData(DataProtectionProvider.Create(keys, b => b.SetApplicationName("Caravan").UseCryptographicAlgorithms(SensitiveData.Algorithms)), RandomNumberGenerator.GetBytes(32)));
            services.AddSingleton<IDocumentStore>(new FileSystemDocumentStore(documents.FullName));
            services.AddSingleton<ICaseNotifier, SilentNotifier>();
            services.AddCases(new ConfigurationBuilder().Build());
            await using var provider = services.BuildServiceProvider();

            var clock = Stopwatch.StartNew();
            var (teams, workers, references) = await SeedAsync(provider, total, teamCount);
            Console.WriteLine($"Generated {total:N0} cases ({total / 100 * 15:N0} open) in {teamCount} teams, with their timelines, in {clock.Elapsed.TotalSeconds:N0} s");

            string[] labels = ["Queue: one team's open cases, first page", "Dashboard: a supervisor's three teams by SLA, category, age", "Open a case file (access check + decrypt + timeline)"];
            Func<IServiceProvider, Random, Task>[] kinds =
            [
                (sp, r) => sp.GetRequiredService<CaseQueries>().QueueAsync(teams[r.Next(teams.Count)], null, 0),
                (sp, r) =>
                {
                    var first = r.Next(teams.Count - 2);
                    return sp.GetRequiredService<CaseQueries>().DashboardAsync([teams[first], teams[first + 1], teams[first + 2]]);
                },
                async (sp, r) =>
                {
                    var i = r.Next(references.Count);
                    var files = sp.GetRequiredService<CaseFiles>();
                    var c = await files.ByReferenceAsync(references[i]);
                    var file = await files.OpenFileAsync(c!, new RegistryActor(workers[i], "Bench worker", Roles.ConsularOfficer, "Bench"));
                    if (file is null)
                    {
                        throw new InvalidOperationException("The assigned worker could not open the file.");
                    }
                },
            ];

            foreach (var clients in clientCounts)
            {
                await DriveAsync(provider, clients, TimeSpan.FromSeconds(3), kinds, baseline: true);
                var (baseline, baselineSeconds) = await DriveAsync(provider, clients, TimeSpan.FromSeconds(seconds), kinds, baseline: true);
                await DriveAsync(provider, clients, TimeSpan.FromSeconds(3), kinds, baseline: false);
                var (samples, sampleSeconds) = await DriveAsync(provider, clients, TimeSpan.FromSeconds(seconds * kinds.Length), kinds, baseline: false);

                Console.WriteLine($"\n{total:N0} cases on PostgreSQL, {clients} concurrent tasks, {seconds} s baseline and {seconds * kinds.Length} s mixed after 3 s warm-up; each request a new DI scope and DbContext");
                Console.WriteLine("\n| Query | Requests | Req/s | Ratio to baseline | p50 ms | p95 ms | p99 ms | Target p95 |\n|---|---|---|---|---|---|---|---|");
                var baseRate = baseline.Count / baselineSeconds;
                Console.WriteLine(Row("Baseline: `SELECT 1` through the DbContext", baseline, baselineSeconds, baseRate, "—"));
                string[] targets = ["≤ 100 ms", "≤ 100 ms", "≤ 50 ms"];
                for (var k = 0; k < kinds.Length; k++)
                {
                    // Each kind had a third of the mixed run's requests, so its rate is over a third of the time.
                    Console.WriteLine(Row(labels[k], [.. samples.Where(s => s.Kind == k)], sampleSeconds / kinds.Length, baseRate, targets[k]));
                }
            }
        }
        finally
        {
            keys.Delete(true);
            documents.Delete(true);
        }
    }

    private static string Row(string label, IReadOnlyList<Sample> samples, double seconds, double baseRate, string target)
    {
        var sorted = samples.Select(s => s.Milliseconds).Order().ToArray();
        double P(int percentile) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(percentile / 100d * sorted.Length) - 1)];
        var rate = samples.Count / seconds;
        return string.Format(CultureInfo.InvariantCulture, "| {0} | {1:N0} | {2:N1} | {3:0.000} | {4:0.0} | {5:0.0} | {6:0.0} | {7} |",
            label, samples.Count, rate, rate / baseRate, P(50), P(95), P(99), target);
    }

    private static async Task<(List<Sample> Samples, double Seconds)> DriveAsync(IServiceProvider services, int clients, TimeSpan duration, Func<IServiceProvider, Random, Task>[] kinds, bool baseline)
    {
        var results = new List<Sample>[clients];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
#pragma warning disable CA5394 // Query choice, not security.
            var random = new Random(2000 + c);
            results[c] = [];
            while (clock.Elapsed < duration)
            {
                var k = random.Next(kinds.Length);
                var started = Stopwatch.GetTimestamp();
                await using var scope = services.CreateAsyncScope();
                if (baseline)
                {
                    await scope.ServiceProvider.GetRequiredService<CaravanDbContext>().Database.SqlQueryRaw<int>("SELECT 1 AS \"Value\"").ToListAsync();
                }
                else
                {
                    await kinds[k](scope.ServiceProvider, random);
                }
#pragma warning restore CA5394

                results[c].Add(new Sample(baseline ? -1 : k, Stopwatch.GetElapsedTime(started).TotalMilliseconds));
            }
        })));
        return ([.. results.SelectMany(r => r)], clock.Elapsed.TotalSeconds);
    }

    /// <summary>Teams with 5 workers each (the first a supervisor) and the cases: 15% open, the rest closed, each with 3 timeline entries.</summary>
    private static async Task<(List<Guid> Teams, List<Guid> Workers, List<string> References)> SeedAsync(IServiceProvider provider, int total, int teamCount)
    {
        var sensitive = provider.GetRequiredService<SensitiveData>();
        var teams = new List<Guid>();
        var members = new Dictionary<Guid, List<Guid>>();
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CaravanDbContext>();
            for (var t = 0; t < teamCount; t++)
            {
                var team = new CaseTeam { Name = $"Team {t}", Kind = t < teamCount - 2 ? TeamKind.Consulate : TeamKind.LegalAid, CountryCode = t % 2 == 0 ? "RU" : "KZ", City = $"City {t}" };
                members[team.Id] = [];
                for (var m = 0; m < 5; m++)
                {
                    var user = new CaravanUser { UserName = $"worker{t}-{m}@bench.example", NormalizedUserName = $"WORKER{t}-{m}@BENCH.EXAMPLE", DisplayName = $"Worker {t}.{m}" };
                    db.Users.Add(user);
                    team.Members.Add(new CaseTeamMember { UserId = user.Id, IsSupervisor = m == 0 });
                    members[team.Id].Add(user.Id);
                }

                db.Add(team);
                teams.Add(team.Id);
            }

            await db.SaveChangesAsync();
        }

        // Cases about registered persons, so that opening a file also writes the person's access log, as in production.
        var persons = new List<Guid>();
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CaravanDbContext>();
            for (var p = 0; p < 2_000; p++)
            {
                var person = new Person { Reference = $"PER-B{p:D6}", Status = PersonStatus.Active, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
                RegistryCommands.SetNames(person, "Bench", $"Person{p}", null);
                db.Add(person);
                persons.Add(person.Id);
            }

            await db.SaveChangesAsync();
        }

        var categories = Enum.GetValues<CaseCategory>();
        var narrative = sensitive.Protect("The employer has not paid wages for three months and keeps the workers' passports in the office safe.");
        var indicators = sensitive.Protect("DocumentRetention,WithheldWages");
        var note = sensitive.Protect("Called the employer; promised to pay by Friday.");
        var start = DateTime.UtcNow.AddDays(-400);
        var references = new List<string>();
        var workers = new List<Guid>();
        const int Batch = 5_000;
        for (var offset = 0; offset < total; offset += Batch)
        {
            await using var scope = provider.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CaravanDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = offset; i < Math.Min(total, offset + Batch); i++)
            {
                var team = teams[i % teams.Count];
                var worker = members[team][1 + (i % 4)];
                var open = i % 100 < 15;
                var openedAt = start.AddMinutes(i * 400.0 * 24 * 60 / total);
                var priority = (CasePriority)(i % 3);
                var c = new LegalCase
                {
                    Reference = ReferenceCode.Create(CaseIntake.ReferencePrefix, 1000 + i),
                    Channel = (CaseChannel)(i % 4),
                    Category = categories[i % categories.Length],
                    Priority = priority,
                    ComputedPriority = priority,
                    CountryCode = i % 2 == 0 ? "RU" : "KZ",
                    City = "City",
                    PersonId = i % 5 == 4 ? null : persons[i % persons.Count],
                    NarrativeCipher = narrative,
                    IndicatorsCipher = indicators,
                    IndicatorCount = 2,
                    TeamId = team,
                    AssigneeId = worker,
                    Status = open ? CaseStatus.Open : CaseStatus.Closed,
                    OpenedAt = openedAt,
                    FirstContactDueAt = openedAt.AddHours(24 + (24 * (2 - (int)priority))),
                    ResolutionDueAt = openedAt.AddDays(14 + (20 * (2 - (int)priority))),
                    FirstContactAt = i % 3 == 0 ? null : openedAt.AddHours(5),
                    ClosedAt = open ? null : openedAt.AddDays(20),
                    Outcome = open ? null : CaseOutcome.Resolved,
                    SubmissionKey = Guid.NewGuid(),
                    Language = "ru",
                };
                db.Add(c);
                db.Add(new CaseEvent { CaseId = c.Id, At = openedAt, Kind = CaseEventKind.Opened, Detail = c.Channel.ToString() });
                db.Add(new CaseEvent { CaseId = c.Id, At = openedAt.AddHours(1), Kind = CaseEventKind.Assigned, ActorId = worker, ActorName = "Worker", Detail = "Worker" });
                db.Add(new CaseEvent { CaseId = c.Id, At = openedAt.AddHours(5), Kind = CaseEventKind.Note, ActorId = worker, ActorName = "Worker", TextCipher = note });
                if (i % 97 == 0)
                {
                    references.Add(c.Reference);
                    workers.Add(worker);
                }
            }

            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync();
        }

        await using (var scope = provider.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<CaravanDbContext>().Database.ExecuteSqlRawAsync("ANALYZE");
        }

        return (teams, workers, references);
    }

    private sealed class SilentNotifier : ICaseNotifier
    {
        public Task NewMessageAsync(string phoneE164, string culture, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task EscalatedAsync(string phoneE164, string culture, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task DeliverAsync(CancellationToken cancellationToken)
        {
            throw new NotImplementedException();
        }
    }
}
