namespace Caravan.Core.Reference;

/// <summary>
/// The words of every unit group's title, in every UI language, sorted so that the titles with a word starting with
/// a given prefix are one range found by binary search. Every public search asks it; scanning the 3,000 titles each
/// time was a quarter of a search's cost on a small node (docs/performance.md, issue 15).
/// </summary>
internal sealed class IscoWordIndex
{
    private readonly string[] codes;
    private readonly string[] words;
    private readonly int[] titles;

    /// <param name="titleWords">Each title (one unit group in one language) as its code and words.</param>
    public IscoWordIndex(IEnumerable<(string Code, IEnumerable<string> Words)> titleWords)
    {
        var codeList = new List<string>();
        var pairs = new List<(string Word, int Title)>();
        foreach (var (code, titleWordList) in titleWords)
        {
            pairs.AddRange(titleWordList.Distinct(StringComparer.Ordinal).Select(w => (w, codeList.Count)));
            codeList.Add(code);
        }

        pairs.Sort((a, b) => string.CompareOrdinal(a.Word, b.Word) is var c and not 0 ? c : a.Title.CompareTo(b.Title));
        codes = [.. codeList];
        words = [.. pairs.Select(p => p.Word)];
        titles = [.. pairs.Select(p => p.Title)];
    }

    /// <summary>The codes of the titles that have, for each of <paramref name="prefixes"/>, a word starting with it.</summary>
    public List<string> Matching(IReadOnlyList<string> prefixes)
    {
        HashSet<int>? matching = null;
        foreach (var prefix in prefixes)
        {
            var these = new HashSet<int>();
            for (var i = LowerBound(prefix); i < words.Length && words[i].StartsWith(prefix, StringComparison.Ordinal); i++)
            {
                if (matching is null || matching.Contains(titles[i]))
                {
                    these.Add(titles[i]);
                }
            }

            matching = these;
            if (matching.Count == 0)
            {
                return [];
            }
        }

        return matching is null ? [] : [.. matching.Select(t => codes[t]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    private int LowerBound(string prefix)
    {
        int low = 0, high = words.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (string.CompareOrdinal(words[middle], prefix) < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
