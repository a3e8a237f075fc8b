using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Caravan.Core.Migrants.Matching;
using static Caravan.Core.Tests.Migrants.Matching.SyntheticNames;

namespace Caravan.Core.Tests.Migrants.Matching;

/// <summary>
/// Deterministic labelled test data for the matcher: Central Asian and Russian names written in Cyrillic or in one of the usual
/// Latin spellings, some records duplicated with the variations seen in registry data. Names are drawn with a Zipf-like skew so
/// that namesakes born in the same year are common and precision is actually tested.
/// </summary>
public static class SyntheticPersons
{
    // Rates of the variations of a second record, each drawn independently so that they combine. Each is set a little above the
    // rate the generator promises (SyntheticErrors) so that the promise holds on any seed, not just on average.
    internal const double ScriptChangeRate = 0.52, TypoRate = 0.27, NamesSwappedRate = 0.11;
    internal const double SwapRate = 0.09, YearOffRate = 0.07, DayOffRate = 0.05, DigitWrongRate = 0.05;
    internal const double PatronymicRestyleRate = 0.3, PatronymicDropRate = 0.25;

    // Share of birth dates that a day/month swap turns into another valid date: day 1–12 and not equal to the month, 132 of
    // 365.25 days a year on average.
    private const double SwappableShare = 132 / 365.25;
    private const double SwapRateAmongSwappable = SwapRate / SwappableShare;

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
        var scripts = new List<SyntheticScript>(originals);
        var truePairs = new HashSet<(Guid, Guid)>(duplicates);
        var errors = new Dictionary<Guid, SyntheticErrors>(duplicates);
        for (var i = 0; i < originals; i++)
        {
            var source = NewSource(random);
            sources.Add(source);
            scripts.Add(random.NextDouble() < 0.5 ? SyntheticScript.Cyrillic : SyntheticScript.MixedLatin);
            persons.Add(Write(random, source, NewId(random), scripts[i]));
        }

        // Each duplicated person is duplicated once; the first `duplicates` originals are as random as any others.
        for (var i = 0; i < duplicates; i++)
        {
            var original = persons[i];
            var (duplicate, made) = Duplicate(random, sources[i], original, scripts[i]);
            persons.Add(duplicate);
            truePairs.Add(SyntheticSet.PairKey(original.Id, duplicate.Id));
            errors.Add(duplicate.Id, made);
        }

        for (var i = persons.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (persons[i], persons[j]) = (persons[j], persons[i]);
        }
#pragma warning restore CA5394
        return new SyntheticSet(persons, truePairs, errors);
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

    private static string NewPassport(Random random) =>
        string.Create(CultureInfo.InvariantCulture, $"{(char)('A' + random.Next(26))}{(char)('A' + random.Next(26))}{random.Next(1_000_000, 10_000_000)}");

    private static Guid NewId(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private static SyntheticPerson Write(Random random, Source source, Guid id, SyntheticScript script)
    {
        string Spell(string name) => SyntheticSpellings.Write(random, name, script);
        var family = FamilyForm(source.Family, source.Sex);
        var patronymic = source.Father is null ? null : Spell(Patronymic(source.People, source.Father, source.Sex, source.RussianPatronymic));
        return new SyntheticPerson(id, Spell(source.Given), Spell(family), patronymic, source.BirthDate, source.Sex, source.Passport);
    }

    private static (SyntheticPerson Copy, SyntheticErrors Errors) Duplicate(Random random, Source source, SyntheticPerson original, SyntheticScript originalScript)
    {
        var errors = SyntheticErrors.None;
        var varied = source;
        if (source.Father is not null && random.NextDouble() < PatronymicRestyleRate)
        {
            varied = varied with { RussianPatronymic = !source.RussianPatronymic };
            errors |= SyntheticErrors.PatronymicRestyled;
        }

        SyntheticPerson copy;
        if (random.NextDouble() < ScriptChangeRate)
        {
            copy = InAnotherScript(random, varied, original, originalScript);
            errors |= copy.GivenName != original.GivenName || copy.FamilyName != original.FamilyName ? SyntheticErrors.ScriptChanged : 0;
        }
        else
        {
            // Same script: Cyrillic is copied as it was; Latin is respelled by another hand with the same mix of spellings.
            copy = Write(random, varied, NewId(random), originalScript);
            errors |= copy.GivenName != original.GivenName || copy.FamilyName != original.FamilyName ? SyntheticErrors.Respelled : 0;
        }

        if (random.NextDouble() < TypoRate)
        {
            copy = random.Next(2) == 0 ? copy with { FamilyName = Typo(random, copy.FamilyName) } : copy with { GivenName = Typo(random, copy.GivenName) };
            errors |= SyntheticErrors.Typo;
        }

        if (random.NextDouble() < NamesSwappedRate)
        {
            copy = copy with { GivenName = copy.FamilyName, FamilyName = copy.GivenName };
            errors |= SyntheticErrors.NamesSwapped;
        }

        var (date, dateErrors) = DateErrors(random, source.BirthDate);
        copy = copy with { BirthDate = date };
        errors |= dateErrors;

        if (copy.Patronymic is not null && random.NextDouble() < PatronymicDropRate)
        {
            copy = copy with { Patronymic = null };
            errors |= SyntheticErrors.PatronymicDropped;
        }

        // A passport is on at most one of the two records unless both were taken from the same document.
        copy = source.Passport is not null
            ? copy with { PassportNumber = random.NextDouble() < 0.5 ? source.Passport : null }
            : copy with { PassportNumber = random.NextDouble() < 0.3 ? NewPassport(random) : null };
        return (copy, errors);
    }

    /// <summary>The person written in another script or romanisation than the original; one that leaves both names as they were is skipped.</summary>
    private static SyntheticPerson InAnotherScript(Random random, Source source, SyntheticPerson original, SyntheticScript originalScript)
    {
        var others = Enum.GetValues<SyntheticScript>().Where(s => s != originalScript).ToArray();
        random.Shuffle(others);
        var id = NewId(random);
        SyntheticPerson? copy = null;
        foreach (var script in others)
        {
            // Russianised Cyrillic of a name without Central Asian letters is the name itself; another system is tried.
            copy = Write(random, source, id, script);
            if (copy.GivenName != original.GivenName || copy.FamilyName != original.FamilyName)
            {
                return copy;
            }
        }

        return copy!;
    }

    /// <summary>Independent birth-date errors, so that they combine: day and month swapped, year ±1, day off by 1–10, a mistyped digit.</summary>
    private static (DateOnly Date, SyntheticErrors Errors) DateErrors(Random random, DateOnly date)
    {
        var errors = SyntheticErrors.None;
        // Only dates with a day of 12 or less, other than the month, can be swapped (about 36% of them); the swap is drawn more often
        // for those so that it reaches SwapRate of all duplicates.
        if (date.Day <= 12 && date.Day != date.Month && random.NextDouble() < SwapRateAmongSwappable)
        {
            date = new DateOnly(date.Year, date.Day, date.Month);
            errors |= SyntheticErrors.DayMonthSwapped;
        }

        if (random.NextDouble() < YearOffRate)
        {
            var year = date.Year + (random.Next(2) == 0 ? -1 : 1);
            date = new DateOnly(year, date.Month, Math.Min(date.Day, DateTime.DaysInMonth(year, date.Month)));
            errors |= SyntheticErrors.YearOffByOne;
        }

        if (random.NextDouble() < DayOffRate)
        {
            var days = DateTime.DaysInMonth(date.Year, date.Month);
            int day;
            do
            {
                day = date.Day + ((random.Next(2) == 0 ? -1 : 1) * random.Next(1, 11));
            }
            while (day < 1 || day > days);

            date = new DateOnly(date.Year, date.Month, day);
            errors |= SyntheticErrors.DayOff;
        }

        if (random.NextDouble() < DigitWrongRate)
        {
            date = OneDigitWrong(random, date);
            errors |= SyntheticErrors.DigitWrong;
        }

        return (date, errors);
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
        string typed;
        do
        {
            typed = OneTypo(random, name, cyrillic);
        }
        while (typed == name);

        return typed;
    }

    private static string OneTypo(Random random, string name, bool cyrillic)
    {
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

#pragma warning restore CA5394
}
