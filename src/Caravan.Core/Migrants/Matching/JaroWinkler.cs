namespace Caravan.Core.Migrants.Matching;

/// <summary>Jaro–Winkler string similarity (Winkler 1990): prefix scale 0.1, common prefix counted up to four characters.</summary>
public static class JaroWinkler
{
    private const double PrefixScale = 0.1;
    private const int MaxPrefix = 4;

    /// <summary>Similarity in [0, 1]; 1 for equal strings (two empty strings included), 0 when exactly one is empty.</summary>
    public static double Similarity(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return Similarity(a.AsSpan(), b.AsSpan());
    }

    /// <summary>
    /// As <see cref="Similarity(string, string)"/> with o and u taken as one letter, and c and s (so ch and sh): the vowel of ў is
    /// written o in Uzbek Latin and u in Russianised Cyrillic and ICAO, and French-style spellings write ш as ch.
    /// </summary>
    internal static double LooseSimilarity(string a, string b)
    {
        Span<char> looseA = a.Length <= 128 ? stackalloc char[a.Length] : new char[a.Length];
        Span<char> looseB = b.Length <= 128 ? stackalloc char[b.Length] : new char[b.Length];
        Loosen(a, looseA);
        Loosen(b, looseB);
        return Similarity(looseA, looseB);
    }

    private static void Loosen(string key, Span<char> loose)
    {
        for (var i = 0; i < key.Length; i++)
        {
            loose[i] = key[i] switch { 'u' => 'o', 'c' => 's', var c => c };
        }
    }

    internal static double Similarity(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.SequenceEqual(b))
        {
            return 1.0;
        }

        if (a.Length == 0 || b.Length == 0)
        {
            return 0.0;
        }

        var jaro = Jaro(a, b);
        var prefix = 0;
        var limit = Math.Min(MaxPrefix, Math.Min(a.Length, b.Length));
        while (prefix < limit && a[prefix] == b[prefix])
        {
            prefix++;
        }

        return jaro + (prefix * PrefixScale * (1.0 - jaro));
    }

    private static double Jaro(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        var window = Math.Max(0, (Math.Max(a.Length, b.Length) / 2) - 1);
        // Names are short; the flags live on the stack unless a caller passes something long.
        Span<bool> matchedA = a.Length <= 128 ? stackalloc bool[a.Length] : new bool[a.Length];
        Span<bool> matchedB = b.Length <= 128 ? stackalloc bool[b.Length] : new bool[b.Length];
        var matches = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var from = Math.Max(0, i - window);
            var to = Math.Min(b.Length - 1, i + window);
            for (var j = from; j <= to; j++)
            {
                if (!matchedB[j] && a[i] == b[j])
                {
                    matchedA[i] = true;
                    matchedB[j] = true;
                    matches++;
                    break;
                }
            }
        }

        if (matches == 0)
        {
            return 0.0;
        }

        var halfTranspositions = 0;
        var k = 0;
        for (var i = 0; i < a.Length; i++)
        {
            if (!matchedA[i])
            {
                continue;
            }

            while (!matchedB[k])
            {
                k++;
            }

            if (a[i] != b[k])
            {
                halfTranspositions++;
            }

            k++;
        }

        double m = matches;
        return ((m / a.Length) + (m / b.Length) + ((m - (halfTranspositions / 2)) / m)) / 3.0;
    }
}
