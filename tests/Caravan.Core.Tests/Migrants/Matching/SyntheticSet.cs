using Caravan.Core.Migrants.Matching;

namespace Caravan.Core.Tests.Migrants.Matching;

/// <summary>One generated registry record as an officer or an import would have written it.</summary>
public sealed record SyntheticPerson(Guid Id, string GivenName, string FamilyName, string? Patronymic, DateOnly BirthDate, MatchSex Sex, string? PassportNumber);

/// <summary>
/// Generated records, the pairs that are truly the same person (each pair ordered with the smaller id first), and for each second
/// record (by its id) the variations it was written with.
/// </summary>
public sealed record SyntheticSet(IReadOnlyList<SyntheticPerson> Persons, HashSet<(Guid, Guid)> TruePairs, IReadOnlyDictionary<Guid, SyntheticErrors> Errors)
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

/// <summary>
/// What the generator did to a second record of a person. The rates promised (checked by a test): ScriptChanged ≥ 50%, Typo ≥ 25%,
/// NamesSwapped ≥ 10%, DayMonthSwapped ≥ 8%, YearOffByOne ≥ 6%, DayOff ≥ 4%; the others as in docs/record-linkage.md.
/// </summary>
[Flags]
public enum SyntheticErrors
{
    None = 0,

    /// <summary>Names written in another script or romanisation than the first record (<see cref="SyntheticScript"/>).</summary>
    ScriptChanged = 1 << 0,

    /// <summary>Same Latin mix of spellings as the first record, letters respelled by another hand.</summary>
    Respelled = 1 << 1,

    /// <summary>One letter inserted, deleted, substituted or two transposed in the given or the family name.</summary>
    Typo = 1 << 2,

    /// <summary>Given and family name written the other way round.</summary>
    NamesSwapped = 1 << 3,

    DayMonthSwapped = 1 << 4,
    YearOffByOne = 1 << 5,

    /// <summary>Day of the month off by 1–10, same month.</summary>
    DayOff = 1 << 6,

    /// <summary>One digit of the year, month or day mistyped.</summary>
    DigitWrong = 1 << 7,

    /// <summary>Patronymic in Russian style on one record and in the people's own on the other.</summary>
    PatronymicRestyled = 1 << 8,
    PatronymicDropped = 1 << 9,
}

/// <summary>Counts behind precision and recall; precision of an empty class is 1.</summary>
public sealed record MatchQuality(int TruePairs, int Certain, int CertainTrue, int Possible, int PossibleTrue)
{
    public double PrecisionCertain => Certain == 0 ? 1.0 : (double)CertainTrue / Certain;

    public double PrecisionPossible => Possible == 0 ? 1.0 : (double)PossibleTrue / Possible;

    public double RecallCertain => TruePairs == 0 ? 1.0 : (double)CertainTrue / TruePairs;

    public double RecallAll => TruePairs == 0 ? 1.0 : (double)(CertainTrue + PossibleTrue) / TruePairs;
}
