namespace Caravan.Core.Statistics.Disclosure;

/// <summary>
/// The pattern of a table with two dimensions. <see cref="Rows"/>, <see cref="Columns"/> and <see cref="Total"/>
/// are the margin patterns it was given, unchanged.
/// </summary>
public sealed record TwoWayProtection(
    CellStatus[,] Interior,
    IReadOnlyList<CellStatus> Rows,
    IReadOnlyList<CellStatus> Columns,
    CellStatus Total);
