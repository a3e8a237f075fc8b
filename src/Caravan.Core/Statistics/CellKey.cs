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
