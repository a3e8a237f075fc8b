namespace Caravan.Core.Migrants.Matching;

/// <summary>
/// How common each family name, given name and patronymic key is in a population. Agreement on a common name (Karimov, Alisher)
/// is weaker evidence than agreement on a rare one, so the model uses the key's share as u for the same-key level when it is
/// larger than the table's u (a term-frequency adjustment).
/// </summary>
public sealed class NameFrequencies
{
    private readonly Dictionary<string, int> family;
    private readonly Dictionary<string, int> given;
    private readonly Dictionary<string, int> patronymic;
    private readonly Dictionary<string, int> fullNames;
    private readonly double total;

    private NameFrequencies(Dictionary<string, int> family, Dictionary<string, int> given, Dictionary<string, int> patronymic, Dictionary<string, int> fullNames, int total)
    {
        this.family = family;
        this.given = given;
        this.patronymic = patronymic;
        this.fullNames = fullNames;
        this.total = Math.Max(1, total);
    }

    /// <summary>Counts the keys of <paramref name="persons"/> (the registry, or the batch being deduplicated).</summary>
    public static NameFrequencies Count(IEnumerable<PersonFeatures> persons)
    {
        ArgumentNullException.ThrowIfNull(persons);
        var total = 0;
        var frequencies = Empty();
        foreach (var p in persons)
        {
            total++;
            frequencies.Add(new NameGroup(p.FamilyKey, p.GivenKey, p.PatronymicKey, 1));
        }

        return new NameFrequencies(frequencies.family, frequencies.given, frequencies.patronymic, frequencies.fullNames, total);
    }

    private static NameFrequencies Empty() => new(new(StringComparer.Ordinal), new(StringComparer.Ordinal), new(StringComparer.Ordinal), new(StringComparer.Ordinal), 0);

    private void Add(NameGroup group)
    {
        Increment(family, group.FamilyKey, group.Count);
        Increment(given, group.GivenKey, group.Count);
        AddFullName(group);
        if (!string.IsNullOrEmpty(group.PatronymicKey))
        {
            Increment(patronymic, group.PatronymicKey, group.Count);
        }
    }

    private void AddFullName(NameGroup group)
    {
        if (group.FamilyKey.Length > 0 && group.GivenKey.Length > 0)
        {
            Increment(fullNames, FullName(group.FamilyKey, group.GivenKey), group.Count);
            if (!string.IsNullOrEmpty(group.PatronymicKey))
            {
                Increment(fullNames, FullName(group.FamilyKey, group.GivenKey, group.PatronymicKey), group.Count);
            }
        }
    }

    /// <summary>
    /// From counts kept elsewhere (for example by the registry's database); <paramref name="total"/> is the number of
    /// persons. <paramref name="fullNames"/>, persons counted by their three keys, give the full-name shares: right for
    /// every pair of names whose persons, written either way round, are all among them.
    /// </summary>
    public static NameFrequencies FromCounts(IReadOnlyDictionary<string, int> family, IReadOnlyDictionary<string, int> given, IReadOnlyDictionary<string, int> patronymic, int total, IEnumerable<NameGroup>? fullNames = null)
    {
        ArgumentNullException.ThrowIfNull(family);
        ArgumentNullException.ThrowIfNull(given);
        ArgumentNullException.ThrowIfNull(patronymic);
        var frequencies = new NameFrequencies(new(family, StringComparer.Ordinal), new(given, StringComparer.Ordinal), new(patronymic, StringComparer.Ordinal), new(StringComparer.Ordinal), total);
        foreach (var group in fullNames ?? [])
        {
            frequencies.AddFullName(group);
        }

        return frequencies;
    }

    public double FamilyShare(string key) => Share(family, key);

    public double GivenShare(string key) => Share(given, key);

    public double PatronymicShare(string key) => Share(patronymic, key);

    /// <summary>
    /// Share of persons with both these names, in either order (0 when counted elsewhere without them). Family and given names are
    /// not independent (both follow the people a person belongs to), so two strangers share both far more often than the product
    /// of the two shares says.
    /// </summary>
    public double FullNameShare(string familyKey, string givenKey) => Share(fullNames, FullName(familyKey, givenKey));

    /// <summary>As <see cref="FullNameShare(string, string)"/> with the patronymic too: namesakes' fathers are named from the same list.</summary>
    public double FullNameShare(string familyKey, string givenKey, string patronymicKey) => Share(fullNames, FullName(familyKey, givenKey, patronymicKey));

    private static string FullName(string a, string b, string patronymic) => FullName(a, b) + " || " + patronymic;

    // Unordered, so that a record with the names written the other way round counts as the same full name.
    private static string FullName(string a, string b) => string.CompareOrdinal(a, b) <= 0 ? a + " | " + b : b + " | " + a;

    private double Share(Dictionary<string, int> counts, string key) => counts.TryGetValue(key, out var n) ? n / total : 0.0;

    private static void Increment(Dictionary<string, int> counts, string key, int n)
    {
        if (key.Length > 0)
        {
            counts[key] = counts.GetValueOrDefault(key) + n;
        }
    }
}

/// <summary><see cref="Count"/> persons of a population share these three name keys.</summary>
public readonly record struct NameGroup(string FamilyKey, string GivenKey, string? PatronymicKey, int Count);
