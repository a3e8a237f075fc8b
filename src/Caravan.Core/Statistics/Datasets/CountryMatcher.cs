using System.Globalization;
using System.Text;
using Caravan.Core.Reference;

namespace Caravan.Core.Statistics.Datasets;

/// <summary>
/// Matches country names, as statistical offices and UN tables write them, to ISO 3166-1 alpha-2 codes: the CLDR
/// names in each of the seven interface languages, the ISO English names, the codes themselves, and the English
/// variants international tables use ("Russian Federation", "Kyrgyz Republic", "Turkey" for Türkiye). A name that
/// two countries share is ambiguous and never matched: it goes to the list an analyst maps by hand.
/// </summary>
public sealed class CountryMatcher
{
    /// <summary>English variants of international tables (UN DESA, ILO, World Bank) that neither CLDR nor ISO uses.</summary>
    public static readonly IReadOnlyDictionary<string, string> Variants = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Kyrgyz Republic"] = "KG",
        ["Russian Federation"] = "RU",
        ["Turkey"] = "TR",
        ["Republic of Turkey"] = "TR",
        ["Republic of Korea"] = "KR",
        ["Korea, Republic of"] = "KR",
        ["Korea, Rep."] = "KR",
        ["Dem. People's Republic of Korea"] = "KP",
        ["Democratic People's Republic of Korea"] = "KP",
        ["Korea, Dem. People's Rep."] = "KP",
        ["Iran (Islamic Republic of)"] = "IR",
        ["Iran, Islamic Rep."] = "IR",
        ["Republic of Moldova"] = "MD",
        ["Viet Nam"] = "VN",
        ["United States of America"] = "US",
        ["United States Virgin Islands"] = "VI",
        ["United Kingdom of Great Britain and Northern Ireland"] = "GB",
        ["Czech Republic"] = "CZ",
        ["Brunei Darussalam"] = "BN",
        ["Syrian Arab Republic"] = "SY",
        ["Lao People's Democratic Republic"] = "LA",
        ["United Republic of Tanzania"] = "TZ",
        ["Bolivia (Plurinational State of)"] = "BO",
        ["Venezuela (Bolivarian Republic of)"] = "VE",
        ["State of Palestine"] = "PS",
        ["China, Hong Kong SAR"] = "HK",
        ["China, Macao SAR"] = "MO",
        ["Micronesia (Fed. States of)"] = "FM",
        ["Egypt, Arab Rep."] = "EG",
        ["Kazakstan"] = "KZ",
        ["Tadjikistan"] = "TJ",
        ["Kirghizia"] = "KG",
    };

    private readonly Dictionary<string, string> _codes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _ambiguous = new(StringComparer.Ordinal);

    /// <param name="names">Every (alpha-2, name) pair known: names in any language, alpha-2 and alpha-3 codes.</param>
    public CountryMatcher(IEnumerable<(string Alpha2, string Name)> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        foreach (var (alpha2, name) in names.Concat(Variants.Select(v => (v.Value, v.Key))))
        {
            var key = Normalise(name);
            if (key.Length == 0 || _ambiguous.Contains(key))
            {
                continue;
            }

            if (_codes.TryGetValue(key, out var found) && found != alpha2)
            {
                _codes.Remove(key);
                _ambiguous.Add(key);
                continue;
            }

            _codes[key] = alpha2;
        }
    }

    /// <summary>The alpha-2 code of a name, or null when it matches no country or more than one.</summary>
    public string? Match(string? name) => name is null ? null : _codes.GetValueOrDefault(Normalise(name));

    /// <summary>Whether the name is one that several countries share (it needs a person to decide).</summary>
    public bool IsAmbiguous(string? name) => name is not null && _ambiguous.Contains(Normalise(name));

    /// <summary>
    /// Case, accents, apostrophes, footnote marks and spacing do not tell countries apart: "TÜRKIYE*" is "Türkiye", and
    /// "Oʻzbekiston" is "O'zbekiston" whichever apostrophe a file uses.
    /// </summary>
    public static string Normalise(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var text = name.Normalize(NormalizationForm.FormKD);
        var result = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.ModifierLetter
                || c is '\'' or '‘' or '’' or '`' or '*')
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                if (space && result.Length > 0)
                {
                    result.Append(' ');
                }

                result.Append(char.ToLowerInvariant(c));
                space = false;
            }
            else if (c == '&')
            {
                result.Append(result.Length > 0 ? " and" : "and");
                space = true;
            }
            else
            {
                space = true;
            }
        }

        var normal = result.ToString();
        return normal.StartsWith("the ", StringComparison.Ordinal) ? normal[4..] : normal;
    }

    /// <summary>A matcher over the node's reference data: ISO codes, ISO English names and CLDR names in every language.</summary>
    public static async Task<CountryMatcher> CreateAsync(Catalogue catalogue, IEnumerable<string> languages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(languages);
        var names = new List<(string, string)>();
        foreach (var country in await catalogue.CountriesAsync(cancellationToken))
        {
            names.Add((country.Alpha2, country.Alpha2));
            names.Add((country.Alpha2, country.Alpha3));
            names.Add((country.Alpha2, country.NameEn));
        }

        foreach (var language in languages)
        {
            names.AddRange((await catalogue.CountryNamesAsync(language, cancellationToken)).Select(n => (n.Key, n.Value)));
        }

        return new CountryMatcher(names);
    }
}
