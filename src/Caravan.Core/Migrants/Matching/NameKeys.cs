using System.Buffers;

namespace Caravan.Core.Migrants.Matching;

/// <summary>
/// Canonical Latin keys for names written in any of the region's scripts, so that Хасанов, Khasanov, Xasanov and Hasanov
/// meet on one key. The rules live in <c>transliteration.json</c>; see docs/record-linkage.md.
/// </summary>
public static class NameKeys
{
    // Long enough for any name; longer input goes to the array pool.
    private const int StackLimit = 256;

    /// <summary>Canonical key of a name part or a full name: lower-case ASCII letters and single spaces.</summary>
    public static string Canonical(string name) => Canonical(name, TransliterationRules.Instance);

    /// <summary>Like <see cref="Canonical(string)"/>, without patronymic endings (Alisherovich, Alisher oʻgʻli and Алишер ўғли all give "alisher").</summary>
    public static string CanonicalPatronymic(string patronymic)
    {
        var rules = TransliterationRules.Instance;
        var canonical = Canonical(patronymic, rules);
        if (canonical.Length == 0)
        {
            return canonical;
        }

        var words = canonical.Split(' ');
        var kept = new List<string>(words.Length);
        foreach (var word in words)
        {
            if (rules.PatronymicWords.Contains(word))
            {
                continue;
            }

            kept.Add(StripSuffix(word, rules.PatronymicSuffixes));
        }

        return string.Join(' ', kept);
    }

    /// <summary>Blocking key: the first <paramref name="length"/> letters of a canonical family name (spaces skipped).</summary>
    public static string SurnamePrefix(string canonicalFamilyName, int length = 3)
    {
        ArgumentNullException.ThrowIfNull(canonicalFamilyName);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        Span<char> prefix = stackalloc char[length];
        var n = 0;
        foreach (var c in canonicalFamilyName)
        {
            if (c != ' ')
            {
                prefix[n++] = c;
                if (n == length)
                {
                    break;
                }
            }
        }

        return new string(prefix[..n]);
    }

    internal static string Canonical(string name, TransliterationRules rules)
    {
        if (string.IsNullOrEmpty(name))
        {
            return string.Empty;
        }

        // The longest letter spelling is four characters (щ = shch), and folding never lengthens.
        var capacity = (name.Length * 4) + 1;
        char[]? rented = null;
        var buffer = capacity * 2 <= StackLimit
            ? stackalloc char[capacity * 2]
            : (rented = ArrayPool<char>.Shared.Rent(capacity * 2)).AsSpan(0, capacity * 2);
        try
        {
            var latin = buffer[..capacity];
            var folded = buffer[capacity..];
            var n = 0;
            var letters = rules.Letters;
            foreach (var raw in name)
            {
                var c = char.ToLowerInvariant(raw);
                if (c is >= 'a' and <= 'z')
                {
                    latin[n++] = c;
                }
                else if (c < letters.Length && letters[c] is { } spelling)
                {
                    spelling.AsSpan().CopyTo(latin[n..]);
                    n += spelling.Length;
                }
                else if (rules.Apostrophes.Contains(c) || char.IsLetter(c))
                {
                    // Apostrophes are dropped (oʻ = o); letters of other scripts cannot be keyed and are dropped too.
                }
                else if (n > 0 && latin[n - 1] != ' ')
                {
                    latin[n++] = ' ';
                }
            }

            var length = rules.FoldInto(latin[..n], folded);
            return new string(folded[..length]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    private static string StripSuffix(string word, IReadOnlyList<string> suffixes)
    {
        foreach (var suffix in suffixes)
        {
            // At least three letters must remain, so short given names ending in -ich are left alone.
            if (word.Length - suffix.Length >= 3 && word.EndsWith(suffix, StringComparison.Ordinal))
            {
                return word[..^suffix.Length];
            }
        }

        return word;
    }
}
