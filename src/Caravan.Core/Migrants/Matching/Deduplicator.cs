using System.Globalization;

namespace Caravan.Core.Migrants.Matching;

/// <summary>
/// Finds likely duplicates among persons. Only pairs that share a blocking key are scored; each pair is scored once even when
/// it shares several keys. See docs/record-linkage.md for the blocking passes and what they catch.
/// </summary>
public static class Deduplicator
{
    /// <summary>Blocks larger than this are not compared all-against-all (see <see cref="GiantBlockWindow"/>).</summary>
    public const int MaxBlockSize = 5_000;

    /// <summary>
    /// In a block over <see cref="MaxBlockSize"/>, members are sorted by given name, patronymic and birth date and each is compared
    /// with the next this many (sorted neighbourhood). Pairs further apart in that order are not scored in that pass, and a later pass
    /// skips them as "already compared", so they are lost; the benchmark reports how many blocks this hit.
    /// </summary>
    public const int GiantBlockWindow = 500;

    /// <summary>Batches smaller than this are scored without name frequencies.</summary>
    public const int MinPopulationForFrequencies = 1_000;

    private const long NoKey = long.MinValue;

    // Keys per record in each pass: the last two passes key a record once by each of its name prefixes, so that a pair meets
    // whichever name survived intact and in whichever order the names were written.
    private static readonly int[] Slots = [1, 1, 1, 1, 1, 2, 2];
    private static readonly int Passes = Slots.Length;

    /// <summary>All pairs classed Possible or Certain, strongest first.</summary>
    public static IReadOnlyList<CandidatePair> FindPairs(IReadOnlyList<PersonFeatures> persons, MatchModel model) =>
        FindPairs(persons, model, out _);

    /// <summary>As <see cref="FindPairs(IReadOnlyList{PersonFeatures}, MatchModel)"/>, with counts for monitoring and the benchmark.</summary>
    public static IReadOnlyList<CandidatePair> FindPairs(IReadOnlyList<PersonFeatures> persons, MatchModel model, out DeduplicationStats stats)
    {
        ArgumentNullException.ThrowIfNull(persons);
        ArgumentNullException.ThrowIfNull(model);
        var people = persons as PersonFeatures[] ?? [.. persons];
        // The batch itself is the population whose name frequencies temper agreement on common names; a small batch says
        // nothing about how common a name is, so it is scored with the table's weights.
        var frequencies = people.Length >= MinPopulationForFrequencies ? NameFrequencies.Count(people) : null;
        return Find(people, model, people.Length, frequencies, null, out stats);
    }

    /// <summary>
    /// The pairs <see cref="FindPairs(IReadOnlyList{PersonFeatures}, MatchModel)"/> would find over a whole population
    /// that have at least one record in <paramref name="focus"/>, from only the records that can pair with one: those
    /// that may share a blocking key with a focus record (<see cref="CodesToMeet"/>). The population's
    /// size and its name <paramref name="frequencies"/> (counted over all of it, or null under
    /// <see cref="MinPopulationForFrequencies"/>) score the pairs as the whole run would.
    /// </summary>
    public static IReadOnlyList<CandidatePair> FindPairsAround(IReadOnlyList<PersonFeatures> persons, IReadOnlySet<Guid> focus, MatchModel model, int population, NameFrequencies? frequencies)
    {
        ArgumentNullException.ThrowIfNull(persons);
        ArgumentNullException.ThrowIfNull(focus);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(population, persons.Count);
        var people = persons as PersonFeatures[] ?? [.. persons];
        var inFocus = new bool[people.Length];
        for (var i = 0; i < people.Length; i++)
        {
            inFocus[i] = focus.Contains(people[i].Id);
        }

        return Find(people, model, population, frequencies, inFocus, out _);
    }

    /// <summary>The blocking prefix of a canonical name key: its first three letters, spaces skipped.</summary>
    public static string NamePrefix(string key) => NameKeys.SurnamePrefix(key);

    /// <summary>A meeting code: a name prefix with a birth year.</summary>
    public static string MeetingCode(string prefix, int year) => prefix + "|" + year.ToString(CultureInfo.InvariantCulture);

    /// <summary>A meeting code: a name prefix with a birth day and month, in that order.</summary>
    public static string MeetingCode(string prefix, int day, int month) =>
        prefix + "|" + day.ToString(CultureInfo.InvariantCulture) + "." + month.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// A record's own meeting codes: each of its two name prefixes with its birth year, and with its birth day and month.
    /// Every blocking key but the passport's holds a name prefix (family or given, in either place) and the birth year
    /// or the day and month (in either order), so two records can share a blocking key only if they share a passport or
    /// one's own codes meet the other's <see cref="CodesToMeet"/>.
    /// </summary>
    public static IEnumerable<string> OwnCodes(PersonFeatures person)
    {
        ArgumentNullException.ThrowIfNull(person);
        foreach (var prefix in new[] { NamePrefix(person.FamilyKey), NamePrefix(person.GivenKey) })
        {
            yield return MeetingCode(prefix, person.BirthDate.Year);
            yield return MeetingCode(prefix, person.BirthDate.Day, person.BirthDate.Month);
        }
    }

    /// <summary>The own codes of every record that may share a blocking key with <paramref name="person"/> (besides a passport) include one of these.</summary>
    public static IEnumerable<string> CodesToMeet(PersonFeatures person)
    {
        ArgumentNullException.ThrowIfNull(person);
        foreach (var prefix in new[] { NamePrefix(person.FamilyKey), NamePrefix(person.GivenKey) })
        {
            yield return MeetingCode(prefix, person.BirthDate.Year);
            yield return MeetingCode(prefix, person.BirthDate.Day, person.BirthDate.Month);
            yield return MeetingCode(prefix, person.BirthDate.Month, person.BirthDate.Day);
        }
    }

    private static List<CandidatePair> Find(PersonFeatures[] people, MatchModel model, int population, NameFrequencies? frequencies, bool[]? inFocus, out DeduplicationStats stats)
    {
        model = model.ForPopulation(population);
        var same = new MatchModel.SameKeyWeights[people.Length];
        var keys = new long[Passes][];
        for (var pass = 0; pass < Passes; pass++)
        {
            keys[pass] = new long[people.Length * Slots[pass]];
        }

        Parallel.For(0, people.Length, i =>
        {
            var p = people[i];
            same[i] = model.ExactWeights(p, frequencies);
            var family = Prefix(p.FamilyKey);
            var given = Prefix(p.GivenKey);
            long year = p.BirthDate.Year, month = p.BirthDate.Month, day = p.BirthDate.Day;
            // 1. Birth year and the first three letters of the family name: the main pass.
            keys[0][i] = (year << 15) | family;
            // 2. Passport: catches any change of name or date when both records carry the same document.
            keys[1][i] = p.PassportHash is { Length: >= 8 } hash ? BitConverter.ToInt64(hash, 0) : NoKey;
            // 3. Birth date with day and month unordered, and the given name: typos in the family name's first letters, with or without a swap.
            keys[2][i] = (year << 25) | (Math.Min(day, month) << 20) | (Math.Max(day, month) << 15) | given;
            // 4. Birth year and the two name prefixes unordered: given and family name written the other way round.
            keys[3][i] = (year << 30) | (Math.Min(family, given) << 15) | Math.Max(family, given);
            // 5. Both name prefixes, month and day: a wrong birth year.
            keys[4][i] = (family << 24) | (given << 9) | (month << 5) | day;
            // 6. Day and month unordered and either name: a wrong year (or a swap) together with a misspelt or swapped name.
            var dayMonth = (Math.Min(day, month) << 20) | (Math.Max(day, month) << 15);
            keys[5][2 * i] = dayMonth | family;
            keys[5][(2 * i) + 1] = given == family ? NoKey : dayMonth | given;
            // 7. Year and month and either name: a wrong day together with a misspelt or swapped name.
            var yearMonth = (year << 19) | (month << 15);
            keys[6][2 * i] = yearMonth | family;
            keys[6][(2 * i) + 1] = given == family ? NoKey : yearMonth | given;
        });

        var found = new List<Found>();
        var giant = 0;
        var largest = 0;
        long comparisons = 0;
        for (var pass = 0; pass < Passes; pass++)
        {
            var slots = Slots[pass];
            var blocks = Blocks(keys[pass], slots, out var members, out var blockKeys);
            largest = Math.Max(largest, blocks.Count > 0 ? blocks[0].Length : 0);
            var currentPass = pass;
            var sync = new object();
            Parallel.For(0, blocks.Count, () => (List: new List<Found>(), Count: 0L), (b, _, local) =>
            {
                var (start, length) = blocks[b];
                var block = members.AsSpan(start, length);
                var blockKey = blockKeys[start];
                if (length > MaxBlockSize)
                {
                    Interlocked.Increment(ref giant);
                    block.Sort((x, y) => CompareForWindow(people[x], people[y]));
                }

                var window = length > MaxBlockSize ? GiantBlockWindow : length;
                for (var i = 0; i < block.Length; i++)
                {
                    // Around a focus, only its records' neighbours are visited, each pair once: a pair of two focus
                    // records is scored from the first of them in the block.
                    if (inFocus is not null && !inFocus[block[i]])
                    {
                        continue;
                    }

                    var first = inFocus is null ? i + 1 : Math.Max(0, i - window);
                    var last = Math.Min(block.Length - 1, i + window);
                    for (var j = first; j <= last; j++)
                    {
                        if (j == i || (inFocus is not null && j < i && inFocus[block[j]]))
                        {
                            continue;
                        }

                        // Scored from the record with the smaller id, so a pair weighs the same whatever order the
                        // records came in (a swapped-name reading uses the first record's own name frequencies).
                        int x = block[i], y = block[j];
                        if (people[x].Id.CompareTo(people[y].Id) > 0)
                        {
                            (x, y) = (y, x);
                        }

                        if (SharedEarlierKey(keys, currentPass, x, y) || (slots > 1 && SharesSmallerKey(keys[currentPass], slots, x, y, blockKey)))
                        {
                            continue;
                        }

                        local.Count++;
                        var weight = model.Weigh(people[x], people[y], same[x], out var reasons);
                        if (weight >= model.LowerThreshold)
                        {
                            local.List.Add(new Found(x, y, weight, reasons));
                        }
                    }
                }

                return local;
            }, local =>
            {
                lock (sync)
                {
                    found.AddRange(local.List);
                    comparisons += local.Count;
                }
            });
        }

        stats = new DeduplicationStats(comparisons, largest, giant);
        var pairs = new List<CandidatePair>(found.Count);
        foreach (var f in found)
        {
            var (first, second) = people[f.X].Id.CompareTo(people[f.Y].Id) < 0 ? (people[f.X].Id, people[f.Y].Id) : (people[f.Y].Id, people[f.X].Id);
            pairs.Add(new CandidatePair(first, second, model.ToResult(f.Weight, f.Reasons)));
        }

        // Parallel blocks finish in any order; sorting makes the output deterministic.
        pairs.Sort(static (a, b) =>
        {
            var byWeight = b.Result.Weight.CompareTo(a.Result.Weight);
            return byWeight != 0 ? byWeight : a.First != b.First ? a.First.CompareTo(b.First) : a.Second.CompareTo(b.Second);
        });
        return pairs;
    }

    /// <summary>Scores one person against candidates the caller fetched by the blocking keys; Possible and Certain pairs, strongest first.</summary>
    public static IReadOnlyList<CandidatePair> Match(PersonFeatures person, IEnumerable<PersonFeatures> candidates, MatchModel model) =>
        Match(person, candidates, model, null);

    /// <summary>
    /// As <see cref="Match(PersonFeatures, IEnumerable{PersonFeatures}, MatchModel)"/>, weighing name agreement by registry-wide
    /// <paramref name="frequencies"/>; without them, agreement on a common name counts as much as on a rare one.
    /// </summary>
    public static IReadOnlyList<CandidatePair> Match(PersonFeatures person, IEnumerable<PersonFeatures> candidates, MatchModel model, NameFrequencies? frequencies)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(model);
        var same = model.ExactWeights(person, frequencies);
        var pairs = new List<CandidatePair>();
        foreach (var candidate in candidates)
        {
            if (candidate.Id == person.Id)
            {
                continue;
            }

            var weight = model.Weigh(person, candidate, same, out var reasons);
            if (weight >= model.LowerThreshold)
            {
                pairs.Add(new CandidatePair(person.Id, candidate.Id, model.ToResult(weight, reasons)));
            }
        }

        pairs.Sort(static (a, b) => b.Result.Weight.CompareTo(a.Result.Weight));
        return pairs;
    }

    private static bool SharedEarlierKey(long[][] keys, int pass, int x, int y)
    {
        for (var q = 0; q < pass; q++)
        {
            var slots = Slots[q];
            for (var s = 0; s < slots; s++)
            {
                var key = keys[q][(x * slots) + s];
                if (key == NoKey)
                {
                    continue;
                }

                for (var t = 0; t < slots; t++)
                {
                    if (key == keys[q][(y * slots) + t])
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary>Whether two records of a pass with several keys each also meet in a block of a smaller key, where they are scored.</summary>
    private static bool SharesSmallerKey(long[] passKeys, int slots, int x, int y, long blockKey)
    {
        for (var s = 0; s < slots; s++)
        {
            var key = passKeys[(x * slots) + s];
            if (key == NoKey || key >= blockKey)
            {
                continue;
            }

            for (var t = 0; t < slots; t++)
            {
                if (key == passKeys[(y * slots) + t])
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static List<(int Start, int Length)> Blocks(long[] passKeys, int slots, out int[] members, out long[] sortedKeys)
    {
        sortedKeys = (long[])passKeys.Clone();
        members = new int[sortedKeys.Length];
        for (var i = 0; i < members.Length; i++)
        {
            members[i] = i / slots;
        }

        Array.Sort(sortedKeys, members);
        var blocks = new List<(int, int)>();
        var start = 0;
        for (var i = 1; i <= sortedKeys.Length; i++)
        {
            if (i == sortedKeys.Length || sortedKeys[i] != sortedKeys[start])
            {
                if (i - start > 1 && sortedKeys[start] != NoKey)
                {
                    blocks.Add((start, i - start));
                }

                start = i;
            }
        }

        // Largest blocks first, so one big block does not run alone at the end.
        blocks.Sort(static (a, b) => b.Item2.CompareTo(a.Item2));
        return blocks;
    }

    private static int CompareForWindow(PersonFeatures a, PersonFeatures b)
    {
        var c = string.CompareOrdinal(a.GivenKey, b.GivenKey);
        if (c == 0)
        {
            c = string.CompareOrdinal(a.PatronymicKey, b.PatronymicKey);
        }

        return c != 0 ? c : a.BirthDate.CompareTo(b.BirthDate);
    }

    /// <summary>The first three letters of a key, five bits each (a = 1), spaces skipped.</summary>
    private static long Prefix(string key)
    {
        long packed = 0;
        var n = 0;
        foreach (var c in key)
        {
            if (c is >= 'a' and <= 'z')
            {
                packed = (packed << 5) | (long)(c - 'a' + 1);
                if (++n == 3)
                {
                    break;
                }
            }
        }

        return packed << (5 * (3 - n));
    }

    private readonly record struct Found(int X, int Y, double Weight, uint Reasons);
}

/// <summary>Pairs scored, the largest block of any pass, and how many blocks were over <see cref="Deduplicator.MaxBlockSize"/>.</summary>
public sealed record DeduplicationStats(long Comparisons, int LargestBlock, int GiantBlocks);
