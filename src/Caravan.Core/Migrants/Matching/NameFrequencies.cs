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
    private readonly double total;

    private NameFrequencies(Dictionary<string, int> family, Dictionary<string, int> given, Dictionary<string, int> patronymic, int total)
    {
        this.family = family;
        this.given = given;
        this.patronymic = patronymic;
        this.total = Math.Max(1, total);
    }

    /// <summary>Counts the keys of <paramref name="persons"/> (the registry, or the batch being deduplicated).</summary>
    public static NameFrequencies Count(IEnumerable<PersonFeatures> persons)
    {
        ArgumentNullException.ThrowIfNull(persons);
        var family = new Dictionary<string, int>(StringComparer.Ordinal);
        var given = new Dictionary<string, int>(StringComparer.Ordinal);
        var patronymic = new Dictionary<string, int>(StringComparer.Ordinal);
        var total = 0;
        foreach (var p in persons)
        {
            total++;
            Increment(family, p.FamilyKey);
            Increment(given, p.GivenKey);
            if (!string.IsNullOrEmpty(p.PatronymicKey))
            {
                Increment(patronymic, p.PatronymicKey);
            }
        }

        return new NameFrequencies(family, given, patronymic, total);
    }

    /// <summary>From counts kept elsewhere (for example by the registry's database); <paramref name="total"/> is the number of persons.</summary>
    public static NameFrequencies FromCounts(IReadOnlyDictionary<string, int> family, IReadOnlyDictionary<string, int> given, IReadOnlyDictionary<string, int> patronymic, int total)
    {
        ArgumentNullException.ThrowIfNull(family);
        ArgumentNullException.ThrowIfNull(given);
        ArgumentNullException.ThrowIfNull(patronymic);
        return new NameFrequencies(new(family, StringComparer.Ordinal), new(given, StringComparer.Ordinal), new(patronymic, StringComparer.Ordinal), total);
    }

    public double FamilyShare(string key) => Share(family, key);

    public double GivenShare(string key) => Share(given, key);

    public double PatronymicShare(string key) => Share(patronymic, key);

    private double Share(Dictionary<string, int> counts, string key) => counts.TryGetValue(key, out var n) ? n / total : 0.0;

    private static void Increment(Dictionary<string, int> counts, string key)
    {
        if (key.Length > 0)
        {
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
    }
}
