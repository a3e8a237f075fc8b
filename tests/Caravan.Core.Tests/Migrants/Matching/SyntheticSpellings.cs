using System.Text;

namespace Caravan.Core.Tests.Migrants.Matching;

/// <summary>How a record's names are written: the people's own Cyrillic, Russianised Cyrillic, or one Latin system.</summary>
public enum SyntheticScript
{
    /// <summary>The people's own Cyrillic orthography (ў, қ, ғ, ҳ, ә, ұ, ҷ…).</summary>
    Cyrillic,

    /// <summary>Cyrillic typed on a Russian keyboard: ў/қ/ғ/ҳ as у/к/г/х, Kazakh ә/ұ/ү/ө/і/ң as а/у/у/о/и/н, Tajik ҷ as дж.</summary>
    RussianisedCyrillic,

    /// <summary>Every letter spelled by a random one of the spellings in use (the original generator's Latin).</summary>
    MixedLatin,

    /// <summary>Uzbek Latin (1995): oʻ, q, gʻ, h, x, j, ch, sh, yo, yu, ya.</summary>
    UzbekLatin,

    /// <summary>ICAO Doc 9303 as in Russian passports, Central Asian letters Russianised first: kh, zh, ts, iu, ia, й = i.</summary>
    Icao,

    /// <summary>BGN/PCGN: kh, zh, ts, yu, ya, ë, ye at the start of a word, Uzbek oʻ, Tajik and Kazakh gh, q, ū.</summary>
    Bgn,

    /// <summary>French-style: ou, ch (ш), tch (ч), j, kh, ï, iou, ia, ss between vowels.</summary>
    French,

    /// <summary>Kazakh Latin (2021): ä, ğ, q, ñ, ö, ū, ü, ı, ş, ç.</summary>
    KazakhLatin,
}

/// <summary>Writes a name stored in its people's Cyrillic orthography in one of the <see cref="SyntheticScript"/>s.</summary>
internal static class SyntheticSpellings
{
    private static readonly Dictionary<char, string> Russianised = new()
    {
        ['ў'] = "у",
        ['қ'] = "к",
        ['ғ'] = "г",
        ['ҳ'] = "х",
        ['ҷ'] = "дж",
        ['ӣ'] = "и",
        ['ӯ'] = "у",
        ['ә'] = "а",
        ['ұ'] = "у",
        ['ү'] = "у",
        ['ө'] = "о",
        ['і'] = "и",
        ['ң'] = "н",
        ['һ'] = "х",
    };

    // Letters a Latin system does not list are spelled as here (the plain Russian letters, ICAO values).
    private static readonly Dictionary<char, string> Base = new()
    {
        ['а'] = "a",
        ['б'] = "b",
        ['в'] = "v",
        ['г'] = "g",
        ['д'] = "d",
        ['е'] = "e",
        ['ё'] = "e",
        ['ж'] = "zh",
        ['з'] = "z",
        ['и'] = "i",
        ['й'] = "i",
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
        ['х'] = "kh",
        ['ц'] = "ts",
        ['ч'] = "ch",
        ['ш'] = "sh",
        ['щ'] = "shch",
        ['ъ'] = "",
        ['ы'] = "y",
        ['ь'] = "",
        ['э'] = "e",
        ['ю'] = "iu",
        ['я'] = "ia",
        ['ў'] = "u",
        ['қ'] = "k",
        ['ғ'] = "g",
        ['ҳ'] = "kh",
        ['ә'] = "a",
        ['ұ'] = "u",
        ['ү'] = "u",
        ['ө'] = "o",
        ['ң'] = "n",
        ['і'] = "i",
        ['һ'] = "h",
        ['ҷ'] = "dzh",
        ['ӣ'] = "i",
        ['ӯ'] = "u",
    };

    private static readonly Dictionary<SyntheticScript, Dictionary<char, string>> Systems = new()
    {
        [SyntheticScript.Icao] = [],
        [SyntheticScript.UzbekLatin] = new()
        {
            ['ў'] = "oʻ",
            ['қ'] = "q",
            ['ғ'] = "gʻ",
            ['ҳ'] = "h",
            ['х'] = "x",
            ['ж'] = "j",
            ['ц'] = "s",
            ['й'] = "y",
            ['ё'] = "yo",
            ['ю'] = "yu",
            ['я'] = "ya",
            ['ы'] = "i",
            ['ъ'] = "ʼ",
            ['щ'] = "sh",
            ['ң'] = "ng",
            ['ҷ'] = "j",
        },
        [SyntheticScript.Bgn] = new()
        {
            ['й'] = "y",
            ['ё'] = "ë",
            ['ю'] = "yu",
            ['я'] = "ya",
            ['ў'] = "oʻ",
            ['қ'] = "q",
            ['ғ'] = "gh",
            ['ҳ'] = "h",
            ['ҷ'] = "j",
            ['ӣ'] = "ī",
            ['ӯ'] = "ū",
            ['ә'] = "ä",
            ['ң'] = "ng",
            ['ө'] = "ö",
            ['ұ'] = "ū",
            ['ү'] = "ü",
        },
        [SyntheticScript.French] = new()
        {
            ['ж'] = "j",
            ['й'] = "ï",
            ['у'] = "ou",
            ['ч'] = "tch",
            ['ш'] = "ch",
            ['щ'] = "chtch",
            ['ю'] = "iou",
            ['ё'] = "io",
            ['ў'] = "ou",
            ['ғ'] = "gh",
            ['ұ'] = "ou",
            ['ү'] = "ou",
            ['ҷ'] = "dj",
            ['ӯ'] = "ou",
        },
        [SyntheticScript.KazakhLatin] = new()
        {
            ['ә'] = "ä",
            ['ғ'] = "ğ",
            ['қ'] = "q",
            ['ң'] = "ñ",
            ['ө'] = "ö",
            ['ұ'] = "ū",
            ['ү'] = "ü",
            ['ы'] = "ı",
            ['х'] = "h",
            ['ч'] = "ç",
            ['ш'] = "ş",
            ['щ'] = "şş",
            ['ж'] = "j",
            ['й'] = "y",
            ['ё'] = "io",
            ['ў'] = "ū",
            ['ҳ'] = "h",
            ['ҷ'] = "j",
        },
    };

    internal static bool IsCyrillic(SyntheticScript script) => script is SyntheticScript.Cyrillic or SyntheticScript.RussianisedCyrillic;

    internal static string Write(Random random, string cyrillic, SyntheticScript script) => script switch
    {
        SyntheticScript.Cyrillic => cyrillic,
        SyntheticScript.RussianisedCyrillic => Russianise(cyrillic),
        SyntheticScript.MixedLatin => SyntheticNames.Romanize(random, cyrillic),
        SyntheticScript.UzbekLatin or SyntheticScript.Icao or SyntheticScript.Bgn or SyntheticScript.French or SyntheticScript.KazakhLatin => Spell(cyrillic, script),
        _ => throw new ArgumentOutOfRangeException(nameof(script)),
    };

    private static string Russianise(string cyrillic)
    {
        var builder = new StringBuilder(cyrillic.Length + 2);
        foreach (var raw in cyrillic)
        {
            var lower = char.ToLowerInvariant(raw);
            if (Russianised.TryGetValue(lower, out var plain))
            {
                builder.Append(raw == lower ? plain : char.ToUpperInvariant(plain[0]) + plain[1..]);
            }
            else
            {
                builder.Append(raw);
            }
        }

        return builder.ToString();
    }

    private static string Spell(string cyrillic, SyntheticScript script)
    {
        var table = Systems[script];
        var builder = new StringBuilder(cyrillic.Length + 4);
        var startOfWord = true;
        for (var i = 0; i < cyrillic.Length; i++)
        {
            var raw = cyrillic[i];
            var c = char.ToLowerInvariant(raw);
            var afterVowel = builder.Length > 0 && "aeiouäöüū".Contains(char.ToLowerInvariant(builder[^1]), StringComparison.Ordinal);
            string spelling;
            if (c == 'е' && (startOfWord || afterVowel) && script is SyntheticScript.UzbekLatin or SyntheticScript.Bgn)
            {
                spelling = "ye";
            }
            else if (c == 'с' && script == SyntheticScript.French && afterVowel && i + 1 < cyrillic.Length && "аеиоуэюяё".Contains(cyrillic[i + 1], StringComparison.Ordinal))
            {
                // French writes s between vowels as ss, or it would read as z.
                spelling = "ss";
            }
            else if (table.TryGetValue(c, out var own) || Base.TryGetValue(c, out own))
            {
                spelling = own;
            }
            else
            {
                spelling = raw.ToString();
            }

            if (startOfWord && spelling.Length > 0)
            {
                spelling = char.ToUpperInvariant(spelling[0]) + spelling[1..];
            }

            builder.Append(spelling);
            startOfWord = raw is ' ' or '-';
        }

        return builder.ToString();
    }
}
