using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Caravan.Core.Migrants.Matching;

/// <summary>The rules of <c>transliteration.json</c>, compiled into lookup tables once per process.</summary>
internal sealed class TransliterationRules
{
    private const int TableSize = 0x0530;

    private static readonly Lazy<TransliterationRules> Loaded = new(() => Load(OpenEmbedded()));

    public static TransliterationRules Instance => Loaded.Value;

    /// <summary>Latin spelling (lower-case ASCII, no apostrophes) of every Cyrillic and accented Latin letter below U+0530.</summary>
    public string?[] Letters { get; } = new string?[TableSize];

    /// <summary>Folding rules grouped by their first letter, longest first.</summary>
    public FoldRule[][] RulesByFirstLetter { get; } = new FoldRule[26][];

    public HashSet<char> Apostrophes { get; } = [];

    /// <summary>Canonical patronymic suffixes, longest first.</summary>
    public IReadOnlyList<string> PatronymicSuffixes { get; private set; } = [];

    /// <summary>Canonical words meaning "son of"/"daughter of".</summary>
    public IReadOnlySet<string> PatronymicWords { get; private set; } = new HashSet<string>();

    public IReadOnlyList<string> LanguageCodes { get; private set; } = [];

    private static Stream OpenEmbedded() =>
        typeof(TransliterationRules).Assembly.GetManifestResourceStream("Caravan.Matching.transliteration.json")
        ?? throw new InvalidOperationException("Embedded transliteration.json is missing.");

    internal static TransliterationRules Load(Stream json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var rules = new TransliterationRules();

        foreach (var c in root.GetProperty("apostrophes").GetProperty("characters").EnumerateArray())
        {
            rules.Apostrophes.Add(c.GetString()![0]);
        }

        var folds = new List<FoldRule>();
        foreach (var rule in root.GetProperty("folds").GetProperty("rules").EnumerateArray())
        {
            folds.Add(new FoldRule(
                rule.GetProperty("from").GetString()!,
                rule.GetProperty("to").GetString()!,
                rule.TryGetProperty("prev", out var prev) ? prev.GetString()! : null,
                rule.TryGetProperty("next", out var next) ? next.GetString()! : null));
        }

        for (var letter = 0; letter < 26; letter++)
        {
            // OrderBy is stable, so among rules of equal length the one listed first wins.
            rules.RulesByFirstLetter[letter] = [.. folds.Where(f => f.From[0] == 'a' + letter).OrderByDescending(f => f.From.Length)];
        }

        // Accented Latin letters lose their accent unless the file says otherwise (ş is sh, not s).
        for (var c = 0x00C0; c < TableSize; c++)
        {
            if (c is >= 0x0400)
            {
                break;
            }

            var decomposed = ((char)c).ToString().Normalize(NormalizationForm.FormD);
            var lower = char.ToLowerInvariant(decomposed[0]);
            if (lower is >= 'a' and <= 'z' && char.IsLetter((char)c))
            {
                rules.Letters[c] = lower.ToString();
            }
        }

        foreach (var entry in root.GetProperty("latinLetters").GetProperty("letters").EnumerateObject())
        {
            rules.Letters[entry.Name[0]] = rules.StripApostrophes(entry.Value.GetString()!);
        }

        // A letter may appear in several tables; the first table's spelling is used, and the others must fold to the same key.
        var codes = new List<string>();
        var firstSpelling = new Dictionary<char, (string Spelling, string Language)>();
        foreach (var language in root.GetProperty("languages").EnumerateArray())
        {
            var code = language.GetProperty("code").GetString()!;
            codes.Add(code);
            foreach (var entry in language.GetProperty("letters").EnumerateObject())
            {
                var letter = entry.Name[0];
                var spelling = rules.StripApostrophes(entry.Value.GetString()!);
                if (firstSpelling.TryGetValue(letter, out var first))
                {
                    foreach (var context in new[] { "a", "b" })
                    {
                        var mine = rules.Fold(context + spelling);
                        var theirs = rules.Fold(context + first.Spelling);
                        if (mine != theirs)
                        {
                            throw new InvalidDataException(
                                $"transliteration.json: '{letter}' is '{spelling}' in {code} but '{first.Spelling}' in {first.Language}, and they fold to '{mine}' and '{theirs}'.");
                        }
                    }
                }
                else
                {
                    firstSpelling[letter] = (spelling, code);
                    rules.Letters[letter] = spelling;
                }
            }
        }

        rules.LanguageCodes = codes;
        var patronymics = root.GetProperty("patronymics");
        rules.PatronymicSuffixes = [.. patronymics.GetProperty("suffixes").EnumerateArray()
            .Select(s => NameKeys.Canonical(s.GetString()!, rules)).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length)];
        rules.PatronymicWords = patronymics.GetProperty("words").EnumerateArray()
            .Select(s => NameKeys.Canonical(s.GetString()!, rules)).ToHashSet(StringComparer.Ordinal);
        return rules;
    }

    private string StripApostrophes(string spelling) =>
        string.Concat(spelling.Where(c => !Apostrophes.Contains(c))).ToLower(CultureInfo.InvariantCulture);

    /// <summary>Applies only the folding rules to a Latin spelling (used to check that the letter tables agree).</summary>
    internal string Fold(string latin)
    {
        Span<char> output = stackalloc char[latin.Length + 1];
        var length = FoldInto(latin, output);
        return new string(output[..length]);
    }

    /// <summary>Folds a lower-case ASCII spelling (letters and single spaces) into <paramref name="output"/>, which must be at least as long.</summary>
    internal int FoldInto(ReadOnlySpan<char> input, Span<char> output)
    {
        var o = 0;
        var i = 0;
        while (i < input.Length)
        {
            var c = input[i];
            if (c is < 'a' or > 'z')
            {
                if (o > 0 && output[o - 1] != ' ')
                {
                    output[o++] = ' ';
                }

                i++;
                continue;
            }

            var previous = o == 0 ? ' ' : output[o - 1];
            FoldRule? applied = null;
            foreach (var rule in RulesByFirstLetter[c - 'a'])
            {
                if (rule.Matches(input, i, previous))
                {
                    applied = rule;
                    break;
                }
            }

            if (applied is null)
            {
                o = Emit(output, o, c);
                i++;
            }
            else
            {
                foreach (var t in applied.To)
                {
                    o = Emit(output, o, t);
                }

                i += applied.From.Length;
            }
        }

        if (o > 0 && output[o - 1] == ' ')
        {
            o--;
        }

        return o;
    }

    // Doubled letters are written once: Muhammad/Muhamad, Dmitrii/Dmitri.
    private static int Emit(Span<char> output, int o, char c)
    {
        if (o > 0 && output[o - 1] == c)
        {
            return o;
        }

        output[o] = c;
        return o + 1;
    }

    internal static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';
}

/// <summary>One folding rule: <see cref="From"/> becomes <see cref="To"/> when the context conditions hold.</summary>
internal sealed record FoldRule(string From, string To, string? Previous, string? Next)
{
    public bool Matches(ReadOnlySpan<char> input, int at, char previous)
    {
        if (!input[at..].StartsWith(From, StringComparison.Ordinal))
        {
            return false;
        }

        var matchesPrevious = Previous switch
        {
            null => true,
            "start" => previous == ' ',
            "vowel" => TransliterationRules.IsVowel(previous),
            "consonant" => previous is >= 'a' and <= 'z' && previous != 'y' && !TransliterationRules.IsVowel(previous),
            _ => previous == Previous[0],
        };
        if (!matchesPrevious)
        {
            return false;
        }

        var after = at + From.Length;
        var next = after < input.Length ? input[after] : ' ';
        return Next switch
        {
            null => true,
            "end" => next is < 'a' or > 'z',
            "vowel" => TransliterationRules.IsVowel(next),
            "notVowel" => !TransliterationRules.IsVowel(next),
            _ => next == Next[0],
        };
    }
}
