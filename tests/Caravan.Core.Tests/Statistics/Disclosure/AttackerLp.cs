using Google.OrTools.LinearSolver;

namespace Caravan.Core.Tests.Statistics.Disclosure;

/// <summary>
/// The test's own model of an attacker, built independently of the production audit: every hidden cell is a
/// non-negative unknown, every published cell a constant, and every additivity rule of every table an equality.
/// </summary>
internal sealed class AttackerLp
{

    private readonly List<(double Value, bool Hidden)> _cells = [];
    private readonly List<(int Whole, int[] Parts)> _sums = [];

    public int AddCell(double value, bool hidden)
    {
        _cells.Add((value, hidden));
        return _cells.Count - 1;
    }

    public void AddSum(int whole, IEnumerable<int> parts) => _sums.Add((whole, parts.ToArray()));

    public bool IsHidden(int cell) => _cells[cell].Hidden;

    public double ValueOf(int cell) => _cells[cell].Value;

    public IEnumerable<int> HiddenCells => Enumerable.Range(0, _cells.Count).Where(IsHidden);

    /// <summary>Min and max of the sum of <paramref name="cells"/> over everything consistent with the tables.</summary>
    public (double Low, double High) Range(params int[] cells)
    {
        // GLOP can report an unbounded maximum as INFEASIBLE, so unknowns get a bound no real range comes near. It
        // is scaled to the table: a fixed 1e9 next to values of a few units made GLOP end ABNORMAL on some tables.
        var unbounded = 1000 * (1 + _cells.Sum(c => Math.Abs(c.Value)));
        using var solver = Solver.CreateSolver("GLOP");
        var unknowns = new Dictionary<int, Variable>();
        foreach (var cell in HiddenCells)
        {
            unknowns[cell] = solver.MakeNumVar(0, unbounded, $"x{cell}");
        }

        foreach (var (whole, parts) in _sums)
        {
            // parts - whole = 0, with the known cells moved to the right-hand side.
            var terms = parts.Select(p => (Cell: p, Coefficient: 1.0)).Append((Cell: whole, Coefficient: -1.0)).ToList();
            var rightHandSide = -terms.Where(t => !IsHidden(t.Cell)).Sum(t => t.Coefficient * ValueOf(t.Cell));
            var hiddenTerms = terms.Where(t => IsHidden(t.Cell)).ToList();
            if (hiddenTerms.Count == 0)
            {
                Math.Abs(rightHandSide).ShouldBeLessThan(1e-6, "a fully published sum must add up");
                continue;
            }

            var constraint = solver.MakeConstraint(rightHandSide, rightHandSide);
            foreach (var group in hiddenTerms.GroupBy(t => t.Cell))
            {
                constraint.SetCoefficient(unknowns[group.Key], group.Sum(t => t.Coefficient));
            }
        }

        var known = cells.Where(c => !IsHidden(c)).Sum(ValueOf);
        var objective = solver.Objective();
        foreach (var cell in cells.Where(IsHidden))
        {
            objective.SetCoefficient(unknowns[cell], 1);
        }

        objective.SetMinimization();
        var low = Solve(solver, objective, unbounded);
        objective.SetMaximization();
        var high = Solve(solver, objective, unbounded);
        return (known + low, known + high);
    }

    private static double Solve(Solver solver, Objective objective, double unbounded)
    {
        solver.Solve().ShouldBe(Solver.ResultStatus.OPTIMAL);
        return objective.Value() >= unbounded - 1 ? double.PositiveInfinity : objective.Value();
    }
}
