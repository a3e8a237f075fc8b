namespace Caravan.Core.Statistics;

/// <summary>The key of a <see cref="StatCell"/>; unknown and absent dimensions are "".</summary>
public readonly record struct CellKey(string Indicator, int Month, string Sex, string AgeBand, string Region, string Destination, string Occupation, string Agency, string Category)
{
    public string Get(Dimension dimension) => dimension switch
    {
        Dimension.Sex => Sex,
        Dimension.AgeBand => AgeBand,
        Dimension.Region => Region,
        Dimension.Destination => Destination,
        Dimension.Occupation => Occupation,
        Dimension.Agency => Agency,
        Dimension.Category => Category,
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, null),
    };
}

/// <summary>Contributions to one cell, merged as facts are folded: counts and sums add, the top two are kept.</summary>
public sealed class CellTotals
{
    public long Contributors { get; private set; }
    public decimal Value { get; private set; }
    public decimal Largest { get; private set; }
    public decimal SecondLargest { get; private set; }

    public void Add(decimal value)
    {
        Contributors++;
        Value += value;
        if (value > Largest)
        {
            SecondLargest = Largest;
            Largest = value;
        }
        else if (value > SecondLargest)
        {
            SecondLargest = value;
        }
    }
}

/// <summary>The key of a <see cref="StatPair"/>.</summary>
public readonly record struct PairKey(string Indicator, string Grouping, int Month, string Key1, string Key2);

/// <summary>One of an indicator's small tables: its dimensions, in <see cref="Dimension"/> order, and its id.</summary>
public sealed record Grouping(IReadOnlyList<Dimension> Dimensions, string Id);

/// <summary>The small tables of an indicator: the total, every dimension alone, every pair of dimensions.</summary>
public static class Groupings
{
    private static readonly Dictionary<string, IReadOnlyList<Grouping>> ByIndicator = Indicators.All.ToDictionary(
        i => i.Code,
        i => (IReadOnlyList<Grouping>)[.. new[] { Array.Empty<Dimension>() }
            .Concat(i.Dimensions.Select(d => new[] { d }))
            .Concat(i.Dimensions.SelectMany((a, x) => i.Dimensions.Skip(x + 1).Select(b => new[] { a, b })))
            .Select(dims => new Grouping([.. dims.Order()], Id(dims)))],
        StringComparer.Ordinal);

    public static IReadOnlyList<Grouping> Of(string indicator) => ByIndicator[indicator];

    /// <summary>The id of a table over these dimensions, in <see cref="Dimension"/> order.</summary>
    public static string Id(IEnumerable<Dimension> dimensions) => string.Join('+', dimensions.Order().Select(Codelists.Id));
}
