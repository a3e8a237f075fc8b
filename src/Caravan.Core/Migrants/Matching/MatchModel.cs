using System.Globalization;

namespace Caravan.Core.Migrants.Matching;

/// <summary>
/// Fellegi–Sunter record-linkage model. Each comparison has outcome levels with m (probability of the level among true duplicates)
/// and u (among unrelated people); a pair's weight is the sum over comparisons of log2(m/u) for the observed level. For two-level
/// comparisons the second level is the disagreement, log2((1−m)/(1−u)). A comparison that cannot be made (a missing passport,
/// patronymic or sex) adds nothing. The figures and how they were chosen are in docs/record-linkage.md.
/// </summary>
public sealed class MatchModel
{
    // Level indices into the weight table.
    private const int PassportEqual = 0, PassportDifferent = 1;
    private const int FamilySame = 2, FamilyClose = 3, FamilyNear = 4, FamilyOther = 5;
    private const int GivenSame = 6, GivenClose = 7, GivenNear = 8, GivenOther = 9;
    private const int PatronymicAgree = 10, PatronymicDiffer = 11;
    private const int DateEqual = 12;
    private const int SexAgree = DateEqual + BirthDateComparison.Levels, SexDiffer = SexAgree + 1;

    // The officer sees the coarse reason; the weight uses the finer level.
    private static readonly MatchReason[] DateReasons =
    [
        MatchReason.BirthDateEqual, MatchReason.BirthDateDayMonthSwapped, MatchReason.BirthDateOneFieldDiffers, MatchReason.BirthDateOneFieldDiffers,
        MatchReason.BirthDateOneFieldDiffers, MatchReason.BirthDateDifferent, MatchReason.BirthDateDifferent,
    ];

    /// <summary>Jaro–Winkler band edges for the name levels.</summary>
    public const double CloseSimilarity = 0.94, NearSimilarity = 0.88;

    private readonly double[] weights;

    /// <summary>The documented model (docs/record-linkage.md), tuned on the synthetic set.</summary>
    public static MatchModel Default { get; } = new(DefaultLevels(), upperThreshold: 27.0, lowerThreshold: 14.5);

    /// <summary>Weight at or above which a pair is <see cref="MatchClass.Certain"/> (the auto-merge band).</summary>
    public double UpperThreshold { get; }

    /// <summary>Weight at or above which a pair is at least <see cref="MatchClass.Possible"/> (officer review).</summary>
    public double LowerThreshold { get; }

    /// <summary>The 21 levels in the order: passport (equal, different), family name (same, ≥0.94, ≥0.88, other), given name (same four),
    /// patronymic (agrees, differs), birth date (the seven <see cref="BirthDateComparison"/> levels), sex (agrees, differs).</summary>
    public IReadOnlyList<MatchLevel> Levels { get; }

    public MatchModel(IReadOnlyList<MatchLevel> levels, double upperThreshold, double lowerThreshold)
    {
        ArgumentNullException.ThrowIfNull(levels);
        if (levels.Count != SexDiffer + 1)
        {
            throw new ArgumentException($"Expected {SexDiffer + 1} levels.", nameof(levels));
        }

        if (lowerThreshold > upperThreshold)
        {
            throw new ArgumentException("The lower threshold is above the upper one.", nameof(lowerThreshold));
        }

        Levels = levels;
        weights = [.. levels.Select(l => l.Weight)];
        UpperThreshold = upperThreshold;
        LowerThreshold = lowerThreshold;
    }

    /// <summary>Size of the labelled set the thresholds were tuned on (docs/record-linkage.md).</summary>
    public const int TunedPopulation = 100_000;

    /// <summary>
    /// The model for deduplicating <paramref name="population"/> records at once. The weights measure how much likelier a
    /// pair's agreement is among duplicates than among strangers; the chance that two records picked from a block are the
    /// same person falls as the population grows, because strangers who agree on everything (namesakes born the same
    /// day) grow with the square of it and duplicates only linearly. So the auto-merge threshold rises by the log of the
    /// growth, log2(population / tuned population), as a Fellegi–Sunter prior would. The review threshold stays, so no
    /// pair is lost: the ones that no longer merge go to an officer.
    /// </summary>
    public MatchModel ForPopulation(int population) =>
        population <= TunedPopulation ? this : WithThresholds(UpperThreshold + Math.Log2((double)population / TunedPopulation), LowerThreshold);

    /// <summary>The same weights with other thresholds.</summary>
    public MatchModel WithThresholds(double upperThreshold, double lowerThreshold) => new(Levels, upperThreshold, lowerThreshold);

    public static IReadOnlyList<MatchLevel> DefaultLevels() =>
    [
        // Both passports present. A true duplicate carries another number only after a renewal or a typo; the small m makes two
        // different passports outweigh full agreement of name and date, so such pairs go to an officer instead of merging.
        new("Passport", "equal", 0.998, 0.000001),
        new("Passport", "different", 0.002, 0.999999),
        new("Family name", "same key", 0.86, 0.004),
        new("Family name", "Jaro–Winkler ≥ 0.94", 0.07, 0.002),
        new("Family name", "Jaro–Winkler ≥ 0.88", 0.04, 0.006),
        new("Family name", "other", 0.03, 0.988),
        new("Given name", "same key", 0.86, 0.012),
        new("Given name", "Jaro–Winkler ≥ 0.94", 0.07, 0.004),
        new("Given name", "Jaro–Winkler ≥ 0.88", 0.04, 0.010),
        new("Given name", "other", 0.03, 0.974),
        // Both patronymics present.
        new("Patronymic", "agrees (Jaro–Winkler ≥ 0.94)", 0.85, 0.02),
        new("Patronymic", "differs", 0.15, 0.98),
        // m: how often registry clerks make each error (docs/record-linkage.md); u: the share of pairs of different people born
        // 1965–2008 whose dates stand in that relation, measured with `bench/run.sh dedup --calibrate`.
        new("Birth date", "equal", 0.76, 0.000058),
        new("Birth date", "day and month swapped", 0.075, 0.000015),
        new("Birth date", "year ±1", 0.06, 0.00013),
        new("Birth date", "day off by 1–10", 0.05, 0.001),
        new("Birth date", "one digit differs", 0.026, 0.001),
        new("Birth date", "two of these errors", 0.02, 0.026),
        new("Birth date", "other", 0.009, 0.971),
        // Both sexes known.
        new("Sex", "agrees", 0.98, 0.5),
        new("Sex", "differs", 0.02, 0.5),
    ];

    /// <summary>Scores a pair with the reasons behind the weight.</summary>
    public MatchResult Score(PersonFeatures a, PersonFeatures b) => Score(a, b, null);

    /// <summary>Scores a pair, weighing agreement on a name by how common it is in <paramref name="frequencies"/> (when given).</summary>
    public MatchResult Score(PersonFeatures a, PersonFeatures b, NameFrequencies? frequencies)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var weight = Weigh(a, b, ExactWeights(a, frequencies), out var reasons);
        return ToResult(weight, reasons);
    }

    /// <summary>Weights of the same-key levels for <paramref name="person"/>'s own names: log2(m / max(u, share of the key)).</summary>
    internal SameKeyWeights ExactWeights(PersonFeatures person, NameFrequencies? frequencies)
    {
        if (frequencies is null)
        {
            var names = weights[FamilySame] + weights[GivenSame];
            return new SameKeyWeights(weights[FamilySame], weights[GivenSame], weights[PatronymicAgree], names, names + weights[PatronymicAgree]);
        }

        double U(int level, double share) => Math.Max(Levels[level].U, share);
        var familyU = U(FamilySame, frequencies.FamilyShare(person.FamilyKey));
        var givenU = U(GivenSame, frequencies.GivenShare(person.GivenKey));
        var patronymic = person.PatronymicKey is { Length: > 0 } p ? p : null;
        var patronymicU = patronymic is null ? Levels[PatronymicAgree].U : U(PatronymicAgree, frequencies.PatronymicShare(patronymic));
        // Both names the same: u is how often two strangers share the full name, never less than the independent product (names
        // follow the people a person belongs to, so they are not independent); likewise with the patronymic.
        var fullNameU = Math.Max(familyU * givenU, frequencies.FullNameShare(person.FamilyKey, person.GivenKey));
        var withPatronymicU = patronymic is null ? fullNameU * patronymicU
            : Math.Max(fullNameU * patronymicU, frequencies.FullNameShare(person.FamilyKey, person.GivenKey, patronymic));
        var m = Levels[FamilySame].M * Levels[GivenSame].M;
        return new SameKeyWeights(
            Math.Log2(Levels[FamilySame].M / familyU),
            Math.Log2(Levels[GivenSame].M / givenU),
            Math.Log2(Levels[PatronymicAgree].M / patronymicU),
            Math.Log2(m / fullNameU),
            Math.Log2(m * Levels[PatronymicAgree].M / withPatronymicU));
    }

    public MatchClass Classify(double weight) =>
        weight >= UpperThreshold ? MatchClass.Certain : weight >= LowerThreshold ? MatchClass.Possible : MatchClass.NonMatch;

    internal MatchResult ToResult(double weight, uint reasons)
    {
        var list = new List<MatchReason>(8);
        for (var r = 0; r <= (int)MatchReason.NamesSwapped; r++)
        {
            if ((reasons & (1u << r)) != 0)
            {
                list.Add((MatchReason)r);
            }
        }

        return new MatchResult(Math.Round(weight, 2), Classify(weight), list);
    }

    /// <summary>The weight, with the reasons as a bit set indexed by <see cref="MatchReason"/>; allocation-free for the bulk path.</summary>
    internal double Weigh(PersonFeatures a, PersonFeatures b, SameKeyWeights same, out uint reasons)
    {
        reasons = 0;
        var weight = 0.0;
        if (a.PassportHash is { } pa && b.PassportHash is { } pb)
        {
            var equal = pa.AsSpan().SequenceEqual(pb);
            weight += weights[equal ? PassportEqual : PassportDifferent];
            reasons |= Bit(equal ? MatchReason.PassportEqual : MatchReason.PassportDifferent);
        }

        var date = BirthDateComparison.Compare(a.BirthDate, b.BirthDate);
        weight += weights[DateEqual + date];
        reasons |= Bit(DateReasons[date]);

        if (a.Sex != MatchSex.Unknown && b.Sex != MatchSex.Unknown)
        {
            var differs = a.Sex != b.Sex;
            weight += weights[differs ? SexDiffer : SexAgree];
            reasons |= differs ? Bit(MatchReason.SexDiffers) : 0;
        }

        var family = NameLevel(a.FamilyKey, b.FamilyKey);
        var given = NameLevel(a.GivenKey, b.GivenKey);
        var names = NameWeight(FamilySame, family, same.Family) + NameWeight(GivenSame, given, same.Given);
        if (family != 0 || given != 0)
        {
            // People write their names in either order; the swapped reading counts only when it explains the pair better.
            var swappedFamily = NameLevel(a.FamilyKey, b.GivenKey);
            var swappedGiven = NameLevel(a.GivenKey, b.FamilyKey);
            var swapped = NameWeight(FamilySame, swappedFamily, same.Family) + NameWeight(GivenSame, swappedGiven, same.Given);
            if (swapped > names)
            {
                names = swapped;
                family = swappedFamily;
                given = swappedGiven;
                reasons |= Bit(MatchReason.NamesSwapped);
            }
        }

        // Both names the same key: their joint weight replaces the sum of the two (equal to it without frequencies).
        var fullName = family == 0 && given == 0;
        weight += fullName ? same.FullName : names;
        reasons |= Bit(family switch { 0 => MatchReason.FamilyNameSame, 3 => MatchReason.FamilyNameDifferent, _ => MatchReason.FamilyNameSimilar });
        reasons |= Bit(given switch { 0 => MatchReason.GivenNameSame, 3 => MatchReason.GivenNameDifferent, _ => MatchReason.GivenNameSimilar });

        if (!string.IsNullOrEmpty(a.PatronymicKey) && !string.IsNullOrEmpty(b.PatronymicKey))
        {
            var equal = string.Equals(a.PatronymicKey, b.PatronymicKey, StringComparison.Ordinal);
            var agrees = equal || JaroWinkler.Similarity(a.PatronymicKey, b.PatronymicKey) >= CloseSimilarity;
            weight += !equal ? weights[agrees ? PatronymicAgree : PatronymicDiffer]
                : fullName ? same.FullNameAndPatronymic - same.FullName
                : same.Patronymic;
            reasons |= Bit(agrees ? MatchReason.PatronymicAgrees : MatchReason.PatronymicDiffers);
        }

        return weight;
    }

    private double NameWeight(int firstLevel, int level, double sameKeyWeight) => level == 0 ? sameKeyWeight : weights[firstLevel + level];

    /// <summary>0 same key, 1 Jaro–Winkler ≥ 0.94, 2 ≥ 0.88, 3 otherwise (also when either key is empty).</summary>
    internal static int NameLevel(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return 3;
        }

        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return 0;
        }

        var similarity = JaroWinkler.Similarity(a, b);
        if (similarity < CloseSimilarity)
        {
            similarity = Math.Max(similarity, JaroWinkler.LooseSimilarity(a, b));
        }

        return similarity >= CloseSimilarity ? 1 : similarity >= NearSimilarity ? 2 : 3;
    }

    private static uint Bit(MatchReason reason) => 1u << (int)reason;

    /// <summary>Same-key weights of one person's family name, given name and patronymic.</summary>
    internal readonly record struct SameKeyWeights(double Family, double Given, double Patronymic, double FullName, double FullNameAndPatronymic);

    /// <summary>The weights as a Markdown table (m, u and the weight in bits), for the documentation and the benchmark.</summary>
    public string WeightsTable()
    {
        var lines = new List<string> { "| Comparison | Level | m | u | Weight (bits) |", "|---|---|---|---|---|" };
        lines.AddRange(Levels.Select(l => string.Create(CultureInfo.InvariantCulture,
            $"| {l.Comparison} | {l.Level} | {l.M:0.######} | {l.U:0.#######} | {l.Weight:+0.00;−0.00} |")));
        return string.Join('\n', lines);
    }
}
