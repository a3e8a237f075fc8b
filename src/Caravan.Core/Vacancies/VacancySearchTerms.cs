using System.Text;

namespace Caravan.Core.Vacancies;

/// <summary>
/// The words a vacancy is found by, as one space-separated string of tokens kept in <see cref="Vacancy.SearchKey"/>.
/// Each word of the texts is there twice: alone, and qualified by the destination ("kr_welder"), and so is each level
/// of the ISCO code ("i7", "i72", "i721", "i7212", "kr_i7"…). A search for a word in one country and one occupation
/// group then asks the index for two short lists ("kr_welder", "kr_i7") instead of intersecting long ones ("welder",
/// "kr", "i7"), which is what keeps an empty answer at a million vacancies from costing seconds (docs/performance.md).
/// </summary>
/// <remarks>
/// A query word matches a token that starts with it ("weld" finds "welder"); words are runs of letters and digits,
/// lower-cased invariantly, so every script is treated alike. The same rule is applied in SQL by a substring test on
/// " " + key (a token start) and by the PostgreSQL GIN and SQLite FTS5 indexes (prefix queries), so both reach the
/// same rows.
/// </remarks>
public static class VacancySearchTerms
{
    /// <summary>The key's column length; structural tokens come first so a long text never pushes them out.</summary>
    public const int MaxLength = Vacancy.MaxSearchKeyLength;

    /// <summary>Words of a text: runs of letters (any script, modifier letters such as Uzbek ʻ included) and digits, lower-cased.</summary>
    public static IEnumerable<string> Words(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            yield break;
        }

        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && IsWordChar(text[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                yield return text[start..i].ToLowerInvariant();
                start = -1;
            }
        }
    }

    // The same classes SQLite's unicode61 tokenizer keeps (letters and digits), so both databases split text alike.
    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c);

    /// <summary>The token for a destination-qualified word or code: "kr_welder".</summary>
    public static string Qualified(string country, string token) => country.ToLowerInvariant() + "_" + token;

    /// <summary>Tokens for each level of an ISCO code: "7212" gives i7, i72, i721, i7212.</summary>
    public static IEnumerable<string> IscoTokens(string isco)
    {
        for (var k = 1; k <= isco.Length; k++)
        {
            yield return "i" + isco[..k];
        }
    }

    public static string For(string iscoCode, string destination, IEnumerable<string?> texts)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var key = new StringBuilder();
        // Made once, not per word: a bulk upload makes the key of 10,000 vacancies in one request.
        var prefix = string.IsNullOrEmpty(destination) ? null : Qualified(destination, string.Empty);
        void Add(string token)
        {
            if (seen.Add(token) && key.Length + token.Length + 1 <= MaxLength)
            {
                key.Append(key.Length == 0 ? string.Empty : " ").Append(token);
            }
        }

        void AddBoth(string token)
        {
            Add(token);
            if (prefix is not null)
            {
                Add(prefix + token);
            }
        }

        foreach (var isco in IscoTokens(iscoCode ?? string.Empty))
        {
            AddBoth(isco);
        }

        foreach (var text in texts)
        {
            foreach (var word in Words(text))
            {
                AddBoth(word);
            }
        }

        return key.ToString();
    }
}
