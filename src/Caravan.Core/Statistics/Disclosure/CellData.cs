namespace Caravan.Core.Statistics.Disclosure;

/// <summary>
/// Summary of the contributions to one cell: enough to apply the threshold and p% rules without the microdata.
/// For Count measures Value == Contributors.
/// </summary>
public readonly record struct CellData(long Contributors, decimal Value, decimal Largest, decimal SecondLargest)
{
    public static CellData Empty => default;

    /// <summary>A count of <paramref name="n"/> persons, each contributing 1.</summary>
    public static CellData OfCount(long n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        return new CellData(n, n, n > 0 ? 1 : 0, n > 1 ? 1 : 0);
    }

    /// <summary>The cell of the union of both contributor sets (for margins and totals).</summary>
    public CellData Add(CellData other)
    {
        // The two largest of the union are the two largest of the four: each side's third is below its second.
        var (first, second) = TopTwo(Largest, SecondLargest, other.Largest, other.SecondLargest);
        return new CellData(Contributors + other.Contributors, Value + other.Value, first, second);
    }

    private static (decimal First, decimal Second) TopTwo(decimal a, decimal b, decimal c, decimal d)
    {
        decimal first = decimal.MinValue, second = decimal.MinValue;
        foreach (var v in (ReadOnlySpan<decimal>)[a, b, c, d])
        {
            if (v > first)
            {
                second = first;
                first = v;
            }
            else if (v > second)
            {
                second = v;
            }
        }

        return (first, second);
    }
}
