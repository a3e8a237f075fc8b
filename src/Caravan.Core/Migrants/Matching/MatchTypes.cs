namespace Caravan.Core.Migrants.Matching;

public enum MatchSex
{
    Unknown = 0,
    Female = 1,
    Male = 2,
}

public enum MatchClass
{
    NonMatch = 0,
    Possible = 1,
    Certain = 2,
}

public enum MatchReason
{
    PassportEqual,
    PassportDifferent,
    FamilyNameSame,
    FamilyNameSimilar,
    FamilyNameDifferent,
    GivenNameSame,
    GivenNameSimilar,
    GivenNameDifferent,
    PatronymicAgrees,
    PatronymicDiffers,
    BirthDateEqual,
    BirthDateDayMonthSwapped,
    BirthDateOneFieldDiffers,
    BirthDateDifferent,
    SexDiffers,
    NamesSwapped,
}

/// <summary>
/// What the matcher compares for one person. Names are keys from <see cref="NameKeys"/>; <paramref name="PassportHash"/> is a keyed
/// hash of the normalised passport number (never the number itself), or null when the record has none.
/// </summary>
public sealed record PersonFeatures(Guid Id, string GivenKey, string FamilyKey, string? PatronymicKey, DateOnly BirthDate, MatchSex Sex, byte[]? PassportHash);

/// <summary>Total weight in bits, its class under the model's thresholds, and the comparison outcomes that produced it.</summary>
public sealed record MatchResult(double Weight, MatchClass Class, IReadOnlyList<MatchReason> Reasons);

/// <summary>A pair the matcher proposes. From <c>Deduplicator.FindPairs</c>, <see cref="First"/> sorts before <see cref="Second"/>; from <c>Deduplicator.Match</c>, <see cref="First"/> is the new person.</summary>
public sealed record CandidatePair(Guid First, Guid Second, MatchResult Result);

/// <summary>One outcome level of one comparison with its probabilities: m among true duplicates, u among unrelated people.</summary>
public sealed record MatchLevel(string Comparison, string Level, double M, double U)
{
    /// <summary>log2(m/u) in bits.</summary>
    public double Weight => Math.Log2(M / U);
}
