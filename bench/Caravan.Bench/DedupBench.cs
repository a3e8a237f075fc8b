using System.Diagnostics;
using System.Globalization;
using Caravan.Core.Migrants.Matching;
using Caravan.Core.Tests.Migrants.Matching;

namespace Caravan.Bench;

/// <summary>
/// Duplicate detection (issue 4) without a database: quality on a labelled synthetic set, then the time to deduplicate a
/// million records from raw names. Options: --quality-size N (default 100,000), --size N (default 1,000,000), --seed S, --upper and
/// --lower (thresholds to try), --misses (print missed and wrongly certain pairs), --calibrate (print how often each comparison level occurs among true pairs and among pairs of different people).
/// </summary>
internal static class DedupBench
{
    public static Task RunAsync(string[] args)
    {
        int Int(string name, int fallback)
        {
            var i = Array.IndexOf(args, "--" + name);
            return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        }

        var qualitySize = Int("quality-size", 100_000);
        var size = Int("size", 1_000_000);
        var seed = Int("seed", 1);
        double Double(string name, double fallback)
        {
            var i = Array.IndexOf(args, "--" + name);
            return i >= 0 && i + 1 < args.Length ? double.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        }

        var model = MatchModel.Default.WithThresholds(Double("upper", MatchModel.Default.UpperThreshold), Double("lower", MatchModel.Default.LowerThreshold));
        Console.WriteLine($"# Caravan benchmark: dedup, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        Console.WriteLine($"Thresholds: certain ≥ {model.UpperThreshold}, possible ≥ {model.LowerThreshold}");
        Console.WriteLine();
        Console.WriteLine(model.WeightsTable());
        Console.WriteLine();

        var set = SyntheticPersons.Generate(qualitySize, 0.1, seed);
        var clock = Stopwatch.StartNew();
        var features = SyntheticPersons.ToFeatures(set.Persons);
        var pairs = Deduplicator.FindPairs(features, model, out var stats);
        var elapsed = clock.Elapsed;
        var quality = set.Evaluate(pairs);
        Console.WriteLine($"Quality: {qualitySize:N0} records, {set.TruePairs.Count:N0} true pairs, seed {seed}");
        Console.WriteLine($"| Measure | Value |\n|---|---|");
        Console.WriteLine($"| Certain threshold for this population | {model.ForPopulation(qualitySize).UpperThreshold:0.00} |");
        Console.WriteLine($"| Certain pairs (true) | {quality.Certain:N0} ({quality.CertainTrue:N0}) |");
        Console.WriteLine($"| Possible pairs (true) | {quality.Possible:N0} ({quality.PossibleTrue:N0}) |");
        Console.WriteLine($"| Precision, Certain (target ≥ 0.995) | {quality.PrecisionCertain:0.0000} |");
        Console.WriteLine($"| Precision, Possible (target ≥ 0.75) | {quality.PrecisionPossible:0.0000} |");
        Console.WriteLine($"| Recall, Certain + Possible (target ≥ 0.97) | {quality.RecallAll:0.0000} |");
        Console.WriteLine($"| Recall, Certain | {quality.RecallCertain:0.0000} |");
        Console.WriteLine($"| Pairs scored | {stats.Comparisons:N0} |");
        Console.WriteLine($"| Time, keys + FindPairs | {elapsed.TotalSeconds:N1} s |");
        Console.WriteLine();

        if (args.Contains("--calibrate"))
        {
            Calibrate(set, features, model);
        }

        if (args.Contains("--misses"))
        {
            Misses(set, features, pairs, model);
        }

        if (size > 0)
        {
            var large = SyntheticPersons.Generate(size, 0.1, seed);
            set = null;
            features = null;
            pairs = null;
            GC.Collect();
            clock.Restart();
            var largeFeatures = SyntheticPersons.ToFeatures(large.Persons);
            var keys = clock.Elapsed;
            var largePairs = Deduplicator.FindPairs(largeFeatures, model, out var largeStats);
            var total = clock.Elapsed;
            var largeQuality = large.Evaluate(largePairs);
            Console.WriteLine($"Scale: {size:N0} records ({large.TruePairs.Count:N0} true pairs), from raw names");
            Console.WriteLine($"| Measure | Value |\n|---|---|");
            Console.WriteLine($"| Name keys and passport hashes | {keys.TotalSeconds:N1} s |");
            Console.WriteLine($"| FindPairs | {(total - keys).TotalSeconds:N1} s |");
            Console.WriteLine($"| Total (target ≤ 600 s) | {total.TotalSeconds:N1} s |");
            Console.WriteLine($"| Pairs scored | {largeStats.Comparisons:N0} |");
            Console.WriteLine($"| Largest block / blocks over {Deduplicator.MaxBlockSize:N0} | {largeStats.LargestBlock:N0} / {largeStats.GiantBlocks} |");
            Console.WriteLine($"| Certain threshold for this population (`MatchModel.ForPopulation`) | {model.ForPopulation(size).UpperThreshold:0.00} |");
            Console.WriteLine($"| Certain / Possible pairs | {largeQuality.Certain:N0} / {largeQuality.Possible:N0} |");
            Console.WriteLine($"| Precision Certain / recall all / recall Certain | {largeQuality.PrecisionCertain:0.0000} / {largeQuality.RecallAll:0.0000} / {largeQuality.RecallCertain:0.0000} |");
            Console.WriteLine($"| Peak memory (VmHWM) | {PeakMegabytes():N0} MB |");
        }

        return Task.CompletedTask;
    }

    private static long PeakMegabytes()
    {
        var line = File.Exists("/proc/self/status") ? File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal)) : null;
        return line is null
            ? Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)
            : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    // Level frequencies among true pairs (m) and among random pairs of different people (u), to check the model's figures.
    private static void Calibrate(SyntheticSet set, PersonFeatures[] features, MatchModel model)
    {
        var byId = features.ToDictionary(f => f.Id);
        var trueCounts = new Dictionary<MatchReason, int>();
        var trueDates = new int[BirthDateComparison.Levels];
        var randomDates = new int[BirthDateComparison.Levels];
        foreach (var (a, b) in set.TruePairs)
        {
            trueDates[BirthDateComparison.Compare(byId[a].BirthDate, byId[b].BirthDate)]++;
            foreach (var r in model.Score(byId[a], byId[b], null).Reasons)
            {
                trueCounts[r] = trueCounts.GetValueOrDefault(r) + 1;
            }
        }

        var random = new Random(7);
        var randomCounts = new Dictionary<MatchReason, int>();
        const int samples = 2_000_000;
        for (var i = 0; i < samples; i++)
        {
            var a = features[random.Next(features.Length)];
            var b = features[random.Next(features.Length)];
            if (a.Id == b.Id || set.TruePairs.Contains(SyntheticSet.PairKey(a.Id, b.Id)))
            {
                continue;
            }

            foreach (var r in model.Score(a, b).Reasons)
            {
                randomCounts[r] = randomCounts.GetValueOrDefault(r) + 1;
            }

            randomDates[BirthDateComparison.Compare(a.BirthDate, b.BirthDate)]++;
        }

        Console.WriteLine("| Reason | share of true pairs | share of random pairs |\n|---|---|---|");
        foreach (var reason in Enum.GetValues<MatchReason>())
        {
            Console.WriteLine($"| {reason} | {(double)trueCounts.GetValueOrDefault(reason) / set.TruePairs.Count:0.0000} | {(double)randomCounts.GetValueOrDefault(reason) / samples:0.0000000} |");
        }

        for (var level = 0; level < BirthDateComparison.Levels; level++)
        {
            Console.WriteLine($"| Birth date level {level} ({model.Levels[12 + level].Level}) | {(double)trueDates[level] / set.TruePairs.Count:0.0000} | {(double)randomDates[level] / samples:0.0000000} |");
        }

        Console.WriteLine();
    }

    private static void Misses(SyntheticSet set, PersonFeatures[] features, IReadOnlyList<CandidatePair> pairs, MatchModel model)
    {
        var byId = features.ToDictionary(f => f.Id);
        var raw = set.Persons.ToDictionary(p => p.Id);
        var found = pairs.Select(p => SyntheticSet.PairKey(p.First, p.Second)).ToHashSet();
        Console.WriteLine("Missed true pairs (first 25):");
        foreach (var (a, b) in set.TruePairs.Where(p => !found.Contains(p)).Take(25))
        {
            Console.WriteLine($"  {model.Score(byId[a], byId[b], null).Weight,6:0.0} {raw[a]} | {raw[b]}  [{string.Join(',', model.Score(byId[a], byId[b], null).Reasons)}]");
        }

        Console.WriteLine("False Possible pairs (first 25):");
        foreach (var p in pairs.Where(p => p.Result.Class == MatchClass.Possible && !set.TruePairs.Contains(SyntheticSet.PairKey(p.First, p.Second))).Take(25))
        {
            Console.WriteLine($"  {p.Result.Weight,6:0.0} {raw[p.First]} | {raw[p.Second]}  [{string.Join(',', p.Result.Reasons)}]");
        }

        Console.WriteLine("Weight (whole bits): true pairs / other pairs found");
        foreach (var bucket in pairs.GroupBy(p => (int)Math.Floor(p.Result.Weight)).OrderBy(g => g.Key).Where(g => g.Key < 34))
        {
            Console.WriteLine($"  {bucket.Key,3}: {bucket.Count(p => set.TruePairs.Contains(SyntheticSet.PairKey(p.First, p.Second))),6} / {bucket.Count(p => !set.TruePairs.Contains(SyntheticSet.PairKey(p.First, p.Second))),6}");
        }

        Console.WriteLine("False Certain pairs (first 25):");
        foreach (var p in pairs.Where(p => p.Result.Class == MatchClass.Certain && !set.TruePairs.Contains(SyntheticSet.PairKey(p.First, p.Second))).Take(25))
        {
            Console.WriteLine($"  {p.Result.Weight,6:0.0} {raw[p.First]} | {raw[p.Second]}  [{string.Join(',', p.Result.Reasons)}]");
        }

        Console.WriteLine();
    }
}
