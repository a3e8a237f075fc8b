using System.Globalization;
using System.Text.RegularExpressions;

namespace Caravan.Core.Statistics.Datasets;

/// <summary>
/// Reads the dimension values that tables write in words: sexes and totals in the seven languages, age bands as
/// "15–24", "15 - 24" or "65+", and dates as a year, an ISO date or a day.month.year.
/// </summary>
public static partial class DimensionValues
{
    private static readonly Dictionary<string, string> Sexes = Build(new()
    {
        ["M"] = ["m", "male", "males", "men", "man", "erkak", "erkaklar", "мужчины", "мужской", "мужчина", "муж", "эркак", "эркаклар", "ер", "ерлер", "ер адам", "эркек", "эркектер", "мард", "мардон", "mard", "mardon", "erkek", "erkekter", "er", "erler"],
        ["F"] = ["f", "female", "females", "women", "woman", "ayol", "ayollar", "женщины", "женский", "женщина", "жен", "аёл", "аёллар", "әйел", "әйелдер", "аял", "аялдар", "зан", "занон", "zan", "zanon", "ayel", "ayelder", "ayal", "ayaldar"],
        [Codelists.Total] = ["t", "total", "both sexes", "all", "jami", "всего", "итого", "оба пола", "жами", "барлығы", "жалпы", "бардыгы", "баары", "ҳамагӣ", "ҳамаги", "хамаги", "jami", "barlygy", "jalpy", "bardygy", "hamagi"],
    });

    private static readonly HashSet<string> Totals = [.. new[] { "total", "all ages", "all", "jami", "всего", "итого", "все возрасты", "жами", "барлығы", "бардыгы", "ҳамагӣ", "barcha yoshlar" }.Select(CountryMatcher.Normalise)];

    /// <summary>M, F or total; null when the word is not a sex.</summary>
    public static string? Sex(string? text) => text is null ? null : Sexes.GetValueOrDefault(CountryMatcher.Normalise(text));

    /// <summary>"15-24", "65+", or total; null when the text is not an age band.</summary>
    public static string? AgeBand(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (Totals.Contains(CountryMatcher.Normalise(text)))
        {
            return Codelists.Total;
        }

        var range = AgeRange().Match(text);
        if (range.Success && int.Parse(range.Groups[1].Value, CultureInfo.InvariantCulture) <= int.Parse(range.Groups[2].Value, CultureInfo.InvariantCulture))
        {
            return $"{int.Parse(range.Groups[1].Value, CultureInfo.InvariantCulture)}-{int.Parse(range.Groups[2].Value, CultureInfo.InvariantCulture)}";
        }

        var open = AgeOpen().Match(text);
        return open.Success ? $"{int.Parse(open.Groups[1].Value, CultureInfo.InvariantCulture)}+" : null;
    }

    /// <summary>
    /// A reference date. A year alone is 1 July of that year, the mid-year point at which UN DESA and most
    /// international stock tables count; a census gives its own date.
    /// </summary>
    public static DateOnly? Date(string? text)
    {
        var trimmed = (text ?? string.Empty).Trim();
        if (Year().IsMatch(trimmed))
        {
            var year = int.Parse(trimmed[..4], CultureInfo.InvariantCulture);
            return year is >= 1900 and <= 2100 ? new DateOnly(year, 7, 1) : null;
        }

        string[] formats = ["yyyy-MM-dd", "dd.MM.yyyy", "d.M.yyyy", "dd/MM/yyyy", "yyyy-MM-ddTHH:mm:ss"];
        return DateOnly.TryParseExact(trimmed, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date.Year is >= 1900 and <= 2100
            ? date
            : null;
    }

    private static Dictionary<string, string> Build(Dictionary<string, string[]> words)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (code, list) in words)
        {
            foreach (var word in list)
            {
                result[CountryMatcher.Normalise(word)] = code;
            }
        }

        return result;
    }

    [GeneratedRegex(@"^\s*(\d{1,3})\s*(?:-|–|—|to|до|dan)\s*(\d{1,3})\s*(?:years?|yosh|лет|жас|сол)?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AgeRange();

    [GeneratedRegex(@"^\s*(\d{1,3})\s*(?:\+|and over|and older|va undan katta|и старше|жана андан улук|және одан жоғары|ва болотар)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AgeOpen();

    [GeneratedRegex(@"^\d{4}(\.0)?$")]
    private static partial Regex Year();
}
