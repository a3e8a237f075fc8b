using System.Text;

namespace Caravan.Core.Statistics.Datasets;

/// <summary>
/// Matches region names to the ISO 3166-2 codes of one country. Tables add the kind of region to its name
/// ("Surxondaryo viloyati", "Сурхондарё вилояти", "Chüy oblusu"), so those words are set aside; Uzbek in Cyrillic is
/// read in its Latin spelling, which is how ISO writes the names. A name two regions share (Toshkent, the city and
/// the region) is matched only with its kind word, and otherwise goes to the analyst.
/// </summary>
public sealed class RegionMatcher
{
    private static readonly HashSet<string> KindWords = new(StringComparer.Ordinal)
    {
        "viloyati", "viloyat", "viloyoti", "region", "province", "oblast", "oblasty", "oblysy", "oblusu", "respublikasi",
        "respublikasy", "respublika", "republic", "of", "shahri", "shahar", "city", "shaary", "gorod", "g", "qalasy",
    };

    private static readonly HashSet<string> CityWords = new(StringComparer.Ordinal)
    {
        "shahri", "shahar", "city", "shaary", "gorod", "g", "qalasy",
    };

    /// <summary>Cities that share their name with the region around them: the city's code.</summary>
    private static readonly Dictionary<string, string> Cities = new(StringComparer.Ordinal)
    {
        ["UZ:toshkent"] = "UZ-TK",
        ["KG:osh"] = "KG-GO",
        ["KZ:almaty"] = "KZ-75",
    };

    /// <summary>Uzbek, Kazakh, Kyrgyz and Tajik Cyrillic letters as ISO 3166-2 spells them in Latin.</summary>
    private static readonly Dictionary<char, string> UzbekCyrillic = new()
    {
        ['а'] = "a",
        ['б'] = "b",
        ['в'] = "v",
        ['г'] = "g",
        ['д'] = "d",
        ['е'] = "e",
        ['ё'] = "yo",
        ['ж'] = "j",
        ['з'] = "z",
        ['и'] = "i",
        ['й'] = "y",
        ['к'] = "k",
        ['л'] = "l",
        ['м'] = "m",
        ['н'] = "n",
        ['о'] = "o",
        ['п'] = "p",
        ['р'] = "r",
        ['с'] = "s",
        ['т'] = "t",
        ['у'] = "u",
        ['ф'] = "f",
        ['х'] = "x",
        ['ц'] = "ts",
        ['ч'] = "ch",
        ['ш'] = "sh",
        ['ъ'] = "",
        ['ь'] = "",
        ['э'] = "e",
        ['ю'] = "yu",
        ['я'] = "ya",
        ['ў'] = "o",
        ['қ'] = "q",
        ['ғ'] = "g",
        ['ҳ'] = "h",
        ['ы'] = "y",
        ['ә'] = "a",
        ['і'] = "i",
        ['ң'] = "n",
        ['ө'] = "o",
        ['ү'] = "u",
        ['ұ'] = "u",
        ['һ'] = "h",
        ['ӣ'] = "i",
        ['ҷ'] = "j",
    };

    private readonly string country;
    private readonly Dictionary<string, string> codes = new(StringComparer.Ordinal);
    private readonly HashSet<string> ambiguous = new(StringComparer.Ordinal);
    private readonly HashSet<string> isoCodes = new(StringComparer.Ordinal);

    public RegionMatcher(string country, IReadOnlyDictionary<string, string> subdivisions)
    {
        ArgumentNullException.ThrowIfNull(subdivisions);
        this.country = country;
        foreach (var (code, name) in subdivisions)
        {
            isoCodes.Add(code);
            Add(Key(name).Name, code);
        }
    }

    public string? Match(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var direct = name.Trim().ToUpperInvariant();
        if (isoCodes.Contains(direct))
        {
            return direct;
        }

        var (key, city) = Key(name);
        if (!ambiguous.Contains(key))
        {
            return codes.GetValueOrDefault(key);
        }

        // A name two regions share is matched only by its kind word: "city" picks the city, "region" the other one.
        if (!Cities.TryGetValue(country + ":" + key, out var cityCode))
        {
            return null;
        }

        return city ? cityCode : HasRegionWord(name) ? ambiguousCodes[key].FirstOrDefault(c => c != cityCode) : null;
    }

    private readonly Dictionary<string, List<string>> ambiguousCodes = new(StringComparer.Ordinal);

    private void Add(string key, string code)
    {
        if (key.Length == 0)
        {
            return;
        }

        if (ambiguous.Contains(key))
        {
            ambiguousCodes[key].Add(code);
            return;
        }

        if (codes.TryGetValue(key, out var found) && found != code)
        {
            codes.Remove(key);
            ambiguous.Add(key);
            ambiguousCodes[key] = [found, code];
            return;
        }

        codes[key] = code;
    }

    private static bool HasRegionWord(string name) =>
        Words(name).Any(w => KindWords.Contains(w) && !CityWords.Contains(w));

    /// <summary>Words in Latin letters: Cyrillic first spelt out as ISO spells these names, then case and marks dropped.</summary>
    private static string[] Words(string name)
    {
        var lower = name.ToLowerInvariant();
        var latin = new StringBuilder(lower.Length + 4);
        foreach (var c in lower)
        {
            latin.Append(UzbekCyrillic.TryGetValue(c, out var s) ? s : c.ToString());
        }

        return CountryMatcher.Normalise(latin.ToString()).Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The name without its kind words, and whether it said "city".</summary>
    private static (string Name, bool City) Key(string name)
    {
        var words = Words(name);
        return (string.Join(' ', words.Where(w => !KindWords.Contains(w))), words.Any(CityWords.Contains));
    }
}
