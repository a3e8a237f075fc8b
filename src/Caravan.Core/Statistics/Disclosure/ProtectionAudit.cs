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

        // Each optimum is a feasible point, so it proves every range it reaches: one solve usually settles many
        // cells, and only the rest need an LP of their own. A failed optimum is final: nothing reaches further.
        var needHigh = new SortedSet<int>(hiddenCells.Where(c => intervals[c].Up > 0));
        var needLow = new SortedSet<int>(hiddenCells.Where(c => intervals[c].Down > 0));
        var unprotected = new SortedSet<int>();
        while (needHigh.Count + needLow.Count > 0)
        {
            var maximise = needHigh.Count > 0;
            var cell = maximise ? needHigh.Min : needLow.Min;
            var optimum = bounds.Optimise(variableOf[cell], maximise);
            var met = maximise ? Reaches(cell, high: optimum) : Reaches(cell, low: optimum);
            if (!met)
            {
                unprotected.Add(cell);
                (maximise ? needHigh : needLow).Remove(cell);
            }

            needHigh.RemoveWhere(c => Reaches(c, high: bounds.ValueOf(variableOf[c])));
            needLow.RemoveWhere(c => Reaches(c, low: bounds.ValueOf(variableOf[c])));
        }

        return [.. unprotected];
    }

    private bool Reaches(int cell, double low = double.PositiveInfinity, double high = double.NegativeInfinity)
    {
        var interval = intervals[cell];
        var tolerance = ProtectionInterval.Tolerance(values[cell]);
        return low <= values[cell] - interval.Down + tolerance || high >= values[cell] + interval.Up - tolerance;
    }

    // Far above any value the table can reach, so hitting it can only mean "unbounded".
    private double Cap() => 4 * (values.Sum(Math.Abs) + intervals.Sum(i => i.Up)) + 1;
}
