using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Caravan.Core.Migrants.Matching;

/// <summary>One generated registry record as an officer or an import would have written it.</summary>
public sealed record SyntheticPerson(Guid Id, string GivenName, string FamilyName, string? Patronymic, DateOnly BirthDate, MatchSex Sex, string? PassportNumber);

/// <summary>Generated records and the pairs that are truly the same person (each pair ordered with the smaller id first).</summary>
public sealed record SyntheticSet(IReadOnlyList<SyntheticPerson> Persons, HashSet<(Guid, Guid)> TruePairs)
{
    public static (Guid, Guid) PairKey(Guid a, Guid b) => a.CompareTo(b) < 0 ? (a, b) : (b, a);

    /// <summary>Precision and recall of proposed pairs against <see cref="TruePairs"/>.</summary>
    public MatchQuality Evaluate(IReadOnlyList<CandidatePair> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        int certain = 0, certainTrue = 0, possible = 0, possibleTrue = 0;
        foreach (var pair in pairs)
        {
            var isTrue = TruePairs.Contains(PairKey(pair.First, pair.Second));
            switch (pair.Result.Class)
            {
                case MatchClass.Certain:
                    certain++;
                    certainTrue += isTrue ? 1 : 0;
                    break;
                case MatchClass.Possible:
                    possible++;
                    possibleTrue += isTrue ? 1 : 0;
                    break;
                case MatchClass.NonMatch:
                    break;
            }
        }

        return new MatchQuality(TruePairs.Count, certain, certainTrue, possible, possibleTrue);
    }
}

/// <summary>Counts behind precision and recall; precision of an empty class is 1.</summary>
public sealed record MatchQuality(int TruePairs, int Certain, int CertainTrue, int Possible, int PossibleTrue)
{
    public double PrecisionCertain => Certain == 0 ? 1.0 : (double)CertainTrue / Certain;

    public double PrecisionPossible => Possible == 0 ? 1.0 : (double)PossibleTrue / Possible;

    public double RecallCertain => TruePairs == 0 ? 1.0 : (double)CertainTrue / TruePairs;

    public double RecallAll => TruePairs == 0 ? 1.0 : (double)(CertainTrue + PossibleTrue) / TruePairs;
}

/// <summary>
/// Deterministic labelled test data for the matcher: Central Asian and Russian names written in Cyrillic or in one of the usual
/// Latin spellings, some records duplicated with the variations seen in registry data. Names are drawn with a Zipf-like skew so
/// that namesakes born in the same year are common and precision is actually tested.
/// </summary>
public static class SyntheticPersons
{
    private enum People { Uzbek, Kazakh, Kyrgyz, Tajik, Russian }

    private sealed record NameSet(string[] Male, string[] Female, string[] Families, double Share);

    // Names are stored in the people's own Cyrillic orthography; Latin records are spelled from them by Romanize below.
    private static readonly NameSet[] Sets =
    [
        new(
            ["Алишер", "Бахтиёр", "Жамшид", "Отабек", "Шерзод", "Фаррух", "Дилшод", "Улуғбек", "Ҳусан", "Азиз", "Бобур", "Жасур", "Равшан", "Санжар", "Ўткир", "Шоҳрух", "Элёр", "Зафар", "Нодир", "Ғайрат", "Исмоил", "Комил", "Мансур", "Абдулла", "Баҳодир"],
            ["Дилноза", "Гулнора", "Нилуфар", "Мадина", "Малика", "Феруза", "Шаҳноза", "Зарина", "Севара", "Нигора", "Моҳира", "Дилфуза", "Гулчеҳра", "Юлдуз", "Ёқутой", "Муниса", "Ҳилола", "Шоира"],
            ["Каримов", "Раҳимов", "Ҳасанов", "Юсупов", "Абдуллаев", "Жўраев", "Тошматов", "Эргашев", "Усмонов", "Ўрозбоев", "Қодиров", "Ғуломов", "Мирзаев", "Исмоилов", "Норматов", "Холматов", "Саидов", "Содиқов", "Комилов", "Аҳмедов", "Раҳмонов", "Ёқубов", "Турсунов", "Бобоев", "Султонов", "Назаров", "Маҳмудов", "Хўжаев"],
            0.40),
        new(
            ["Нұрсұлтан", "Ерлан", "Асқар", "Дәурен", "Бауыржан", "Қайрат", "Серік", "Ержан", "Әлихан", "Нұрлан", "Ғани", "Дархан", "Мұрат", "Талғат", "Жандос"],
            ["Әлия", "Айгүл", "Гүлнар", "Динара", "Жанар", "Салтанат", "Ақмарал", "Іңкәр", "Аружан", "Меруерт", "Жұлдыз"],
            ["Жұмабаев", "Серікбаев", "Нұрпейісов", "Қасымов", "Тоқаев", "Омаров", "Сәрсенбаев", "Байжанов", "Ахметов", "Әбілов", "Серікұлы", "Ержанұлы", "Есенов", "Мұхамеджанов"],
            0.15),
        new(
            ["Үмөт", "Азамат", "Бакыт", "Нурбек", "Чыңгыз", "Мирлан", "Алмазбек", "Талант", "Бекжан", "Эрмек", "Улан", "Адилет"],
            ["Айпери", "Чолпон", "Гүлзат", "Нургүл", "Жылдыз", "Айжан", "Бегимай", "Асел", "Назгүл"],
            ["Абдыкадыров", "Токтогулов", "Осмонбеков", "Жээнбеков", "Садыров", "Бакиев", "Мамытов", "Асанов", "Үсөнов", "Төлөгөнов", "Асан уулу", "Бакыт уулу", "Жумабеков"],
            0.15),
        new(
            ["Ҷамшед", "Фарҳод", "Рустам", "Баҳодур", "Сӯҳроб", "Фирдавс", "Далер", "Шаҳриёр", "Умед", "Ҳусейн", "Меҳроб", "Парвиз"],
            ["Нигина", "Мадина", "Зарина", "Шаҳло", "Манижа", "Парвина", "Таҳмина", "Фарзона", "Дилором"],
            ["Раҳмонов", "Қурбонов", "Раҳимзода", "Сафаров", "Назарзода", "Ҳасанзода", "Шарипов", "Давлатов", "Исмоилзода", "Мирзоев", "Каримзода", "Одинаев", "Ҷӯраев"],
            0.20),
        new(
            ["Евгений", "Дмитрий", "Сергей", "Александр", "Андрей", "Алексей", "Владимир", "Николай", "Юрий", "Игорь", "Пётр", "Фёдор"],
            ["Елена", "Ольга", "Наталья", "Татьяна", "Юлия", "Мария", "Екатерина", "Анастасия", "Ирина", "Светлана"],
            ["Иванов", "Петров", "Смирнов", "Кузнецов", "Попов", "Соколов", "Щукин", "Цой", "Ким", "Пак", "Фёдоров", "Васильев", "Михайлов"],
            0.10),
    ];

    // Latin spellings in use for each letter; the first is the national standard's, the others are everyday or foreign spellings.
    private static readonly Dictionary<char, string[]> Latin = new()
    {
        ['а'] = ["a"],
        ['б'] = ["b"],
        ['в'] = ["v"],
        ['г'] = ["g"],
        ['д'] = ["d"],
        ['е'] = ["e"],
        ['ё'] = ["yo", "e"],
        ['ж'] = ["j", "zh", "dj"],
        ['з'] = ["z"],
        ['и'] = ["i"],
        ['й'] = ["y", "i"],
        ['к'] = ["k"],
        ['л'] = ["l"],
        ['м'] = ["m"],
        ['н'] = ["n"],
        ['о'] = ["o"],
        ['п'] = ["p"],
        ['р'] = ["r"],
        ['с'] = ["s"],
        ['т'] = ["t"],
        ['у'] = ["u"],
        ['ф'] = ["f"],
        ['х'] = ["kh", "x", "h"],
        ['ц'] = ["ts", "s", "tc"],
        ['ч'] = ["ch"],
        ['ш'] = ["sh"],
        ['щ'] = ["shch", "sh"],
        ['ъ'] = ["'", ""],
        ['ы'] = ["y"],
        ['ь'] = [""],
        ['э'] = ["e"],
        ['ю'] = ["yu", "iu"],
        ['я'] = ["ya", "ia"],
        ['ў'] = ["o'", "oʻ", "o`", "o", "u"],
        ['қ'] = ["q", "k"],
        ['ғ'] = ["g'", "gʻ", "gh", "g"],
        ['ҳ'] = ["h", "kh", "x"],
        ['ә'] = ["a", "ä"],
        ['ұ'] = ["u", "ū"],
        ['ү'] = ["u", "ü"],
        ['ө'] = ["o", "ö"],
        ['ң'] = ["ng", "ñ"],
        ['і'] = ["i"],
        ['һ'] = ["h"],
        ['ҷ'] = ["j", "dzh", "dj"],
        ['ӣ'] = ["i"],
        ['ӯ'] = ["u", "ū"],
    };

    private static readonly DateOnly FirstBirthDate = new(1965, 1, 1);
    private static readonly int BirthDateSpan = new DateOnly(2008, 12, 31).DayNumber - FirstBirthDate.DayNumber + 1;

    private sealed record Source(People People, string Given, string Family, string? Father, bool RussianPatronymic, DateOnly BirthDate, MatchSex Sex, string? Passport);

    /// <summary>
    /// <paramref name="count"/> records in all, of which <paramref name="duplicateShare"/> × count are a second record of another
    /// person (so 100,000 at 0.1 gives 90,000 people and 10,000 true pairs), shuffled.
    /// </summary>
    public static SyntheticSet Generate(int count, double duplicateShare = 0.1, int seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegative(duplicateShare);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(duplicateShare, 0.5);
#pragma warning disable CA5394 // Deterministic test data, not security.
        var random = new Random(seed);
        var duplicates = (int)Math.Round(count * duplicateShare);
        var originals = count - duplicates;
        var persons = new List<SyntheticPerson>(count);
        var sources = new List<Source>(originals);
        var truePairs = new HashSet<(Guid, Guid)>(duplicates);
        for (var i = 0; i < originals; i++)
        {
            var source = NewSource(random);
            sources.Add(source);
            persons.Add(Write(random, source, NewId(random), cyrillic: random.NextDouble() < 0.5));
        }

        // Each duplicated person is duplicated once; the first `duplicates` originals are as random as any others.
        for (var i = 0; i < duplicates; i++)
        {
            var original = persons[i];
            var duplicate = Duplicate(random, sources[i], original);
            persons.Add(duplicate);
            truePairs.Add(SyntheticSet.PairKey(original.Id, duplicate.Id));
        }

        for (var i = persons.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (persons[i], persons[j]) = (persons[j], persons[i]);
        }
#pragma warning restore CA5394

        return new SyntheticSet(persons, truePairs);
    }

    /// <summary>Features as the registry would compute them: names through <see cref="NameKeys"/>, the passport as a hash.</summary>
    public static PersonFeatures ToFeatures(SyntheticPerson person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return new PersonFeatures(
            person.Id,
            NameKeys.Canonical(person.GivenName),
            NameKeys.Canonical(person.FamilyName),
            person.Patronymic is null ? null : NameKeys.CanonicalPatronymic(person.Patronymic),
            person.BirthDate,
            person.Sex,
            person.PassportNumber is null ? null : PassportHash(person.PassportNumber));
    }

    public static PersonFeatures[] ToFeatures(IReadOnlyList<SyntheticPerson> persons)
    {
        ArgumentNullException.ThrowIfNull(persons);
        var features = new PersonFeatures[persons.Count];
        Parallel.For(0, persons.Count, i => features[i] = ToFeatures(persons[i]));
        return features;
    }

    /// <summary>SHA-256 of the number with separators removed, upper-cased; production uses a keyed HMAC instead.</summary>
    public static byte[] PassportHash(string number)
    {
        ArgumentNullException.ThrowIfNull(number);
        var normalised = string.Concat(number.Where(char.IsLetterOrDigit)).ToUpperInvariant();
        return SHA256.HashData(Encoding.UTF8.GetBytes(normalised));
    }

#pragma warning disable CA5394 // Deterministic test data, not security.
    private static Source NewSource(Random random)
    {
        var roll = random.NextDouble();
        var set = 0;
        while (set < Sets.Length - 1 && roll >= Sets[set].Share)
        {
            roll -= Sets[set].Share;
            set++;
        }

        var names = Sets[set];
        var sex = random.Next(2) == 0 ? MatchSex.Female : MatchSex.Male;
        var given = Zipf(random, sex == MatchSex.Male ? names.Male : names.Female);
        var family = Zipf(random, names.Families);
        var father = random.NextDouble() < 0.8 ? Zipf(random, names.Male) : null;
        var birth = FirstBirthDate.AddDays(random.Next(BirthDateSpan));
        var passport = random.NextDouble() < 0.7 ? NewPassport(random) : null;
        return new Source((People)set, given, family, father, random.NextDouble() < 0.6, birth, sex, passport);
    }

    // Weight 1/(rank+1)^0.9: the commonest name is a few times more frequent than the tenth.
    private static string Zipf(Random random, string[] names)
    {
        var total = 0.0;
        for (var i = 0; i < names.Length; i++)
        {
            total += Math.Pow(i + 1, -0.9);
        }

        var roll = random.NextDouble() * total;
        for (var i = 0; i < names.Length; i++)
        {
            roll -= Math.Pow(i + 1, -0.9);
            if (roll < 0)
            {
                return names[i];
            }
        }

        return names[^1];
    }

    private static string NewPassport(Random random) =>
        string.Create(CultureInfo.InvariantCulture, $"{(char)('A' + random.Next(26))}{(char)('A' + random.Next(26))}{random.Next(1_000_000, 10_000_000)}");

    private static Guid NewId(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private static SyntheticPerson Write(Random random, Source source, Guid id, bool cyrillic)
    {
        string Spell(string name) => cyrillic ? name : Romanize(random, name);
        var family = FamilyForm(source.Family, source.Sex);
        var patronymic = source.Father is null ? null : Spell(Patronymic(source.People, source.Father, source.Sex, source.RussianPatronymic));
        return new SyntheticPerson(id, Spell(source.Given), Spell(family), patronymic, source.BirthDate, source.Sex, source.Passport);
    }

    private static SyntheticPerson Duplicate(Random random, Source source, SyntheticPerson original)
    {
        var originalCyrillic = original.FamilyName.Any(c => c is >= 'Ѐ' and <= 'ӿ');
        // Half the duplicates are in the other script; Latin ones are otherwise respelled by another hand, Cyrillic ones kept.
        var cyrillic = random.NextDouble() < 0.5 ? !originalCyrillic : originalCyrillic;
        var varied = source;
        if (source.Father is not null && random.NextDouble() < 0.3)
        {
            varied = varied with { RussianPatronymic = !source.RussianPatronymic };
        }

        var copy = cyrillic == originalCyrillic && cyrillic
            ? original with { Id = NewId(random) }
            : Write(random, varied, NewId(random), cyrillic);

        if (random.NextDouble() < 0.2)
        {
            copy = random.Next(2) == 0 ? copy with { FamilyName = Typo(random, copy.FamilyName) } : copy with { GivenName = Typo(random, copy.GivenName) };
        }

        var dateRoll = random.NextDouble();
        var date = source.BirthDate;
        if (dateRoll < 0.05 && date.Day <= 12 && date.Day != date.Month)
        {
            copy = copy with { BirthDate = new DateOnly(date.Year, date.Day, date.Month) };
        }
        else if (dateRoll < 0.10)
        {
            copy = copy with { BirthDate = OneDigitWrong(random, date) };
        }

        if (random.NextDouble() < 0.03)
        {
            copy = copy with { GivenName = copy.FamilyName, FamilyName = copy.GivenName };
        }

        if (copy.Patronymic is not null && random.NextDouble() < 0.25)
        {
            copy = copy with { Patronymic = null };
        }

        // A passport is on at most one of the two records unless both were taken from the same document.
        copy = source.Passport is not null
            ? copy with { PassportNumber = random.NextDouble() < 0.5 ? source.Passport : null }
            : copy with { PassportNumber = random.NextDouble() < 0.3 ? NewPassport(random) : null };
        return copy;
    }

    private static DateOnly OneDigitWrong(Random random, DateOnly date)
    {
        while (true)
        {
            var (year, month, day) = (date.Year, date.Month, date.Day);
            switch (random.Next(3))
            {
                case 0:
                    year = (year / 10 * 10) + random.Next(10);
                    break;
                case 1:
                    month = (month / 10 * 10) + random.Next(10);
                    break;
                default:
                    day = random.Next(2) == 0 ? (day / 10 * 10) + random.Next(10) : (random.Next(4) * 10) + (day % 10);
                    break;
            }

            if (month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) && (year, month, day) != (date.Year, date.Month, date.Day))
            {
                return new DateOnly(year, month, day);
            }
        }
    }

    private static string Typo(Random random, string name)
    {
        if (name.Length < 3)
        {
            return name;
        }

        var cyrillic = name.Any(c => c is >= 'Ѐ' and <= 'ӿ');
        var letter = cyrillic ? (char)('а' + random.Next(32)) : (char)('a' + random.Next(26));
        var at = random.Next(1, name.Length - 1);
        return random.Next(4) switch
        {
            0 => name.Insert(at, letter.ToString()),
            1 => name.Remove(at, 1),
            2 => string.Concat(name.AsSpan(0, at), letter.ToString(), name.AsSpan(at + 1)),
            _ => string.Concat(name.AsSpan(0, at), name[at + 1].ToString(), name[at].ToString(), name.AsSpan(at + 2)),
        };
    }

    private static string Romanize(Random random, string cyrillic)
    {
        var builder = new StringBuilder(cyrillic.Length + 4);
        var startOfWord = true;
        foreach (var raw in cyrillic)
        {
            var c = char.ToLowerInvariant(raw);
            string spelling;
            if (!Latin.TryGetValue(c, out var choices))
            {
                spelling = raw.ToString();
            }
            else if (c == 'е' && (startOfWord || (builder.Length > 0 && "aeiou".Contains(builder[^1], StringComparison.Ordinal))))
            {
                // Uzbek Latin and BGN/PCGN write е as ye at the start of a word and after a vowel; ICAO writes e.
                spelling = random.NextDouble() < 0.6 ? "ye" : "e";
            }
            else
            {
                // The standard spelling half the time, otherwise any of the variants.
                spelling = random.NextDouble() < 0.5 ? choices[0] : choices[random.Next(choices.Length)];
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
#pragma warning restore CA5394

    private static string FamilyForm(string family, MatchSex sex)
    {
        if (sex != MatchSex.Female)
        {
            return family;
        }

        if (family.EndsWith(" уулу", StringComparison.Ordinal))
        {
            return family[..^4] + "кызы";
        }

        if (family.EndsWith("ұлы", StringComparison.Ordinal))
        {
            return family[..^3] + "қызы";
        }

        return family.EndsWith("ов", StringComparison.Ordinal) || family.EndsWith("ев", StringComparison.Ordinal) || family.EndsWith("ин", StringComparison.Ordinal)
            ? family + "а"
            : family;
    }

    private static string Patronymic(People people, string father, MatchSex sex, bool russianStyle)
    {
        var female = sex == MatchSex.Female;
        if (!russianStyle)
        {
            var word = people switch
            {
                People.Uzbek => female ? " қизи" : " ўғли",
                People.Kazakh => female ? "қызы" : "ұлы",
                People.Kyrgyz => female ? " кызы" : " уулу",
                People.Tajik => null,
                People.Russian => null,
                _ => throw new InvalidOperationException("Unknown people."),
            };
            if (word is not null)
            {
                return father + word;
            }
        }

        if (father.EndsWith('й'))
        {
            return father[..^1] + (female ? "евна" : "евич");
        }

        return "аеёиоуыэюяўӯ".Contains(father[^1], StringComparison.Ordinal)
            ? father + (female ? "евна" : "евич")
            : father + (female ? "овна" : "ович");
    }
}
