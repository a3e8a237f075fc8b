using System.Text;
using Caravan.Core.Migrants.Matching;

namespace Caravan.Core.Tests.Migrants.Matching;

/// <summary>
/// The names behind <see cref="SyntheticPersons"/>: given, family and father's names of five peoples in their own Cyrillic
/// orthography, the Latin spellings in use for each letter, and the rules for women's family names and patronymics.
/// </summary>
internal static class SyntheticNames
{
    internal enum People { Uzbek, Kazakh, Kyrgyz, Tajik, Russian }

    internal sealed record NameSet(string[] Male, string[] Female, string[] Families, double Share);

    // Names are stored in the people's own Cyrillic orthography; Latin records are spelled from them by Romanize below.
    internal static readonly NameSet[] Sets =
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

#pragma warning disable CA5394 // Deterministic test data, not security.
    // Weight 1/(rank+1)^0.9: the commonest name is a few times more frequent than the tenth.
    internal static string Zipf(Random random, string[] names)
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

    internal static string Romanize(Random random, string cyrillic)
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

    internal static string FamilyForm(string family, MatchSex sex)
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

    internal static string Patronymic(People people, string father, MatchSex sex, bool russianStyle)
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
