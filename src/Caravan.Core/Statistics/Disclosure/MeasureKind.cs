namespace Caravan.Core.Statistics.Disclosure;

/// <summary>What a table cell measures: a number of persons, or a sum of amounts (earnings, remittances).</summary>
public enum MeasureKind
{
    Count = 0,
    Magnitude = 1,
}
