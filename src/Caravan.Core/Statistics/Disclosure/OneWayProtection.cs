namespace Caravan.Core.Statistics.Disclosure;

/// <summary>The pattern of a table with one dimension: one status per category, and one for the total.</summary>
public sealed record OneWayProtection(IReadOnlyList<CellStatus> Cells, CellStatus Total);
