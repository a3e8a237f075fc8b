using Google.OrTools.LinearSolver;

namespace Caravan.Core.Statistics.Disclosure;

/// <summary>
/// The range an attacker can infer for each unknown cell: min and max of that unknown over non-negative reals
/// subject to the table's additivity equalities, with published cells already folded into the right-hand sides.
/// </summary>
internal sealed class LinearBounds : IDisposable
{
    private readonly Solver _solver;
    private readonly Variable[] _variables;
    private readonly double _cap;
    private int _objectiveVariable = -1;

    /// <summary>
    /// <paramref name="cap"/> bounds every unknown, far above any real value, so every LP is bounded; a maximum that
    /// reaches it means "unbounded" to the caller.
    /// </summary>
    public LinearBounds(int variableCount, double cap)
    {
        _solver = Solver.CreateSolver("GLOP")
            ?? throw new InvalidOperationException("The GLOP linear solver of Google OR-Tools is not available.");
        _cap = cap;
        _variables = new Variable[variableCount];
        for (var i = 0; i < variableCount; i++)
        {
            _variables[i] = _solver.MakeNumVar(0, cap, string.Empty);
        }
    }

    public void AddEquality(IEnumerable<(int Variable, double Coefficient)> terms, double rightHandSide)
    {
        var constraint = _solver.MakeConstraint(rightHandSide, rightHandSide);
        foreach (var (variable, coefficient) in terms)
        {
            constraint.SetCoefficient(_variables[variable], constraint.GetCoefficient(_variables[variable]) + coefficient);
        }
    }

    /// <summary>
    /// Optimises one unknown; afterwards <see cref="ValueOf"/> gives the whole optimal point, which is a feasible
    /// point and so also tells how far every other unknown can at least move.
    /// </summary>
    public double Optimise(int variable, bool maximise)
    {
        var objective = _solver.Objective();
        if (_objectiveVariable >= 0)
        {
            objective.SetCoefficient(_variables[_objectiveVariable], 0);
        }

        objective.SetCoefficient(_variables[variable], 1);
        _objectiveVariable = variable;
        if (maximise)
        {
            objective.SetMaximization();
        }
        else
        {
            objective.SetMinimization();
        }

        var status = _solver.Solve();
        if (status != Solver.ResultStatus.OPTIMAL)
        {
            // The true values satisfy every equality, so anything but OPTIMAL is a bug in the caller or the solver.
            throw new InvalidOperationException($"The disclosure LP ended {status}: the table is not additive.");
        }

        return ValueOf(variable);
    }

    /// <summary>The unknown's value at the last optimum; the cap stands for "unbounded".</summary>
    public double ValueOf(int variable)
    {
        var value = _variables[variable].SolutionValue();
        return value >= _cap * (1 - 1e-9) ? double.PositiveInfinity : value;
    }

    public void Dispose() => _solver.Dispose();
}
