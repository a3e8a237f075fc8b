namespace Caravan.Core.Statistics.Disclosure;

/// <summary>
/// The final check of a pattern, by linear programming: whatever heuristic chose the hidden cells, a pattern is only
/// returned when the LP range of every hidden cell covers its protection interval.
/// </summary>
internal sealed class ProtectionAudit(IReadOnlyList<double> values, IReadOnlyList<ProtectionInterval> intervals)
{
    private readonly List<(int Cell, double Coefficient)[]> _constraints = [];

    /// <summary>Adds Σ coefficient × cell = 0.</summary>
    public void AddConstraint(params (int Cell, double Coefficient)[] terms) => _constraints.Add(terms);

    /// <returns>The hidden cells whose range is too narrow, in index order; empty when the pattern is safe.</returns>
    public IReadOnlyList<int> FindUnprotected(IReadOnlyList<bool> hidden)
    {
        var variableOf = new int[values.Count];
        var hiddenCells = new List<int>();
        for (var cell = 0; cell < values.Count; cell++)
        {
            variableOf[cell] = hidden[cell] ? hiddenCells.Count : -1;
            if (hidden[cell])
            {
                hiddenCells.Add(cell);
            }
        }

        if (hiddenCells.Count == 0)
        {
            return [];
        }

        using var bounds = new LinearBounds(hiddenCells.Count, Cap());
        foreach (var terms in _constraints)
        {
            var rightHandSide = 0.0;
            var unknowns = new List<(int Variable, double Coefficient)>();
            foreach (var (cell, coefficient) in terms)
            {
                if (hidden[cell])
                {
                    unknowns.Add((variableOf[cell], coefficient));
                }
                else
                {
                    rightHandSide -= coefficient * values[cell];
                }
            }

            if (unknowns.Count > 0)
            {
                bounds.AddEquality(unknowns, rightHandSide);
            }
        }

        var unprotected = new List<int>();
        foreach (var cell in hiddenCells)
        {
            var (low, high) = bounds.Bounds(variableOf[cell]);
            if (!intervals[cell].IsMetBy(values[cell], low, high))
            {
                unprotected.Add(cell);
            }
        }

        return unprotected;
    }

    // Far above any value the table can reach, so hitting it can only mean "unbounded".
    private double Cap() => 4 * (values.Sum(Math.Abs) + intervals.Sum(i => i.Up)) + 1;
}
