using System.Diagnostics;
using System.Security.Cryptography;

namespace Caravan.Core.Tests.Fuzz;

/// <summary>
/// Runs the generated cases of one family and fails with every broken case's number, seed and saved input, so a
/// crash found by a 10,000 run can be replayed and its input committed to the corpus.
/// </summary>
internal static class FuzzRun
{
    /// <summary>Longest a single case may take before it counts as a hang.</summary>
    public static readonly TimeSpan CaseLimit = TimeSpan.FromSeconds(10);

    /// <summary>Where failing inputs are written: artifacts/fuzz-failures under the repository, or the temp folder.</summary>
    public static string FailureFolder(string family)
    {
        var root = Environment.GetEnvironmentVariable("CARAVAN_FUZZ_FAILURES") ?? Path.Combine(Path.GetTempPath(), "caravan-fuzz-failures");
        var folder = Path.Combine(root, family);
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>
    /// Generates and checks <paramref name="count"/> cases; <paramref name="check"/> throws on a broken outcome. A case
    /// that neither returns nor throws within <see cref="CaseLimit"/> is a hang.
    /// </summary>
    public static async Task CasesAsync(string family, int count, Func<Mutator, int, (string Name, byte[] Input)> generate, Func<string, byte[], Task> check)
    {
        ArgumentNullException.ThrowIfNull(generate);
        ArgumentNullException.ThrowIfNull(check);
        var seed = Mutator.Seed;
        var mutator = new Mutator(seed);
        var failures = new List<string>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count && failures.Count < 5; i++)
        {
            var (name, input) = generate(mutator, i);
            var run = Task.Run(() => check(name, input));
            string? problem = null;
            try
            {
                if (await Task.WhenAny(run, Task.Delay(CaseLimit)) != run)
                {
                    problem = $"no answer within {CaseLimit.TotalSeconds:0} s";
                }
                else
                {
                    await run;
                }
            }
#pragma warning disable CA1031 // every exception is a finding, whatever its type
            catch (Exception e)
#pragma warning restore CA1031
            {
                // The innermost frames say where in the product it broke.
                var at = (e.StackTrace ?? string.Empty).Split('\n', 4).Take(3).Select(l => l.Trim());
                problem = e.GetType().Name + ": " + e.Message + " " + string.Join(" | ", at);
            }

            if (problem is not null)
            {
                var file = Path.Combine(FailureFolder(family), Convert.ToHexStringLower(SHA256.HashData(input))[..16] + Path.GetExtension(name));
                await File.WriteAllBytesAsync(file, input);
                failures.Add($"case {i} of seed {seed} ({name}, {input.Length} bytes, saved as {file}): {problem}");
            }
        }

        // bench/fuzz.sh collects these lines into its report.
        if (Environment.GetEnvironmentVariable("CARAVAN_FUZZ_REPORT") is { Length: > 0 } report)
        {
            await File.AppendAllTextAsync(report, $"| {family} | {count:N0} | {seed} | {clock.Elapsed.TotalSeconds:0.0} s | {failures.Count} |\n");
        }

        failures.ShouldBeEmpty($"{family}: generated inputs broke the product (seed {seed}; CARAVAN_FUZZ_SEED={seed} replays them)");
    }

    /// <summary>The committed inputs of a family: files under Fuzz/corpus/{family} next to the test assembly.</summary>
    public static TheoryData<string> Corpus(string family)
    {
        var data = new TheoryData<string>();
        var folder = Path.Combine(AppContext.BaseDirectory, "Fuzz", "corpus", family);
        foreach (var file in (Directory.Exists(folder) ? Directory.GetFiles(folder) : []).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    public static byte[] CorpusFile(string family, string name) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fuzz", "corpus", family, name));
}
