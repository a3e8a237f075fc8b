using Caravan.Core.Migrants.Matching;

namespace Caravan.Core.Tests.Migrants.Matching;

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
