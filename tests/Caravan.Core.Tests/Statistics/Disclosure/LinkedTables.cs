using Caravan.Core.Statistics.Disclosure;

namespace Caravan.Core.Tests.Statistics.Disclosure;

/// <summary>Protects the linked tables of three dimensions the way a publisher would, and attacks them jointly.</summary>
internal sealed class LinkedTables
{
    private static readonly (int Row, int Column)[] Pairs = [(0, 1), (0, 2), (1, 2)];

    private readonly DisclosureRules _rules;
    private readonly int[] _sizes;
    private readonly CellData[][] _margins;
    private readonly CellData _total;
    private readonly OneWayProtection[] _oneWay;
    private readonly CellData[][,] _interiors;
    private readonly CellStatus[][,] _twoWay;
    private readonly bool[] _refused;

    private LinkedTables(DisclosureRules rules, int[] sizes, int[][] persons)
    {
        _rules = rules;
        _sizes = sizes;
        var control = new DisclosureControl(rules);
        _total = CellData.OfCount(persons.Length);
        _margins = [.. Enumerable.Range(0, 3).Select(d => Enumerable.Range(0, sizes[d]).Select(code => CellData.OfCount(persons.Count(p => p[d] == code))).ToArray())];
        _oneWay = [.. control.ProtectOneWayFamily(MeasureKind.Count, _margins, _total)];
        _interiors = new CellData[Pairs.Length][,];
        _twoWay = new CellStatus[Pairs.Length][,];
        _refused = new bool[Pairs.Length];
        for (var t = 0; t < Pairs.Length; t++)
        {
            var (r, c) = Pairs[t];
            var interior = new CellData[sizes[r], sizes[c]];
            for (var i = 0; i < sizes[r]; i++)
            {
                for (var j = 0; j < sizes[c]; j++)
                {
                    interior[i, j] = CellData.OfCount(persons.Count(p => p[r] == i && p[c] == j));
                }
            }

            _interiors[t] = interior;
            try
            {
                _twoWay[t] = control.ProtectTwoWay(MeasureKind.Count, interior, _margins[r], _margins[c], _total, _oneWay[r], _oneWay[c]).Interior;
            }
            catch (TableNotProtectableException)
            {
                // The caller's rule for a refused table: it is still published, with every inner cell hidden (empty
                // ones stay known zeros, since the API lists only non-empty cells).
                _refused[t] = true;
                _twoWay[t] = HideEveryInnerCell(control, interior);
            }
        }
    }

    public IReadOnlyList<OneWayProtection> OneWay => _oneWay;

    public IReadOnlyList<CellData[]> Margins => _margins;

    public CellData Total => _total;

    public int RefusedTables => _refused.Count(r => r);

    public static LinkedTables Protect(int[] sizes, int[][] persons, DisclosureRules rules) => new(rules, sizes, persons);

    private static CellStatus[,] HideEveryInnerCell(DisclosureControl control, CellData[,] interior)
    {
        var status = new CellStatus[interior.GetLength(0), interior.GetLength(1)];
        for (var i = 0; i < interior.GetLength(0); i++)
        {
            for (var j = 0; j < interior.GetLength(1); j++)
            {
                var cell = interior[i, j];
                status[i, j] = cell.Contributors <= 0 ? CellStatus.Published
                    : control.IsSensitive(MeasureKind.Count, cell) ? CellStatus.Suppressed
                    : CellStatus.SecondarySuppressed;
            }
        }

        return status;
    }

    /// <summary>
    /// Hidden cells whose range in the joint LP of all six tables is too narrow, with a description of the tables.
    /// A refused two-way table is published with every inner cell hidden (the caller's rule: its empty cells are
    /// then known zeros) or, with <paramref name="withholdRefused"/>, not published at all: then none of its cells
    /// is known, not even the zeros, and none is checked.
    /// </summary>
    public List<string> JointFailures(bool withholdRefused = false)
    {
        var lp = new AttackerLp();
        var names = new List<string>();
        var check = new List<bool>();
        int Add(double value, bool hidden, string name, bool checkIt = true)
        {
            names.Add(name);
            check.Add(checkIt);
            return lp.AddCell(value, hidden);
        }

        // The total is public as soon as one table shows it.
        var total = Add((double)_total.Value, _oneWay.All(p => p.Total != CellStatus.Published), "total");
        var margins = new int[3][];
        for (var d = 0; d < 3; d++)
        {
            margins[d] = [.. Enumerable.Range(0, _sizes[d]).Select(k => Add((double)_margins[d][k].Value, _oneWay[d].Cells[k] != CellStatus.Published, $"dim{d}[{k}]"))];
            lp.AddSum(total, margins[d]);
        }

        for (var t = 0; t < Pairs.Length; t++)
        {
            var (r, c) = Pairs[t];
            var cells = new int[_sizes[r], _sizes[c]];
            for (var i = 0; i < _sizes[r]; i++)
            {
                for (var j = 0; j < _sizes[c]; j++)
                {
                    var withheld = withholdRefused && _refused[t];
                    cells[i, j] = Add((double)_interiors[t][i, j].Value, withheld || _twoWay[t][i, j] != CellStatus.Published, $"dim{r}xdim{c}[{i},{j}]", !withheld);
                }
            }

            for (var i = 0; i < _sizes[r]; i++)
            {
                lp.AddSum(margins[r][i], Enumerable.Range(0, _sizes[c]).Select(j => cells[i, j]));
            }

            for (var j = 0; j < _sizes[c]; j++)
            {
                lp.AddSum(margins[c][j], Enumerable.Range(0, _sizes[r]).Select(i => cells[i, j]));
            }
        }

        var failures = new List<string>();
        foreach (var cell in lp.HiddenCells.Where(c => check[c]))
        {
            var (low, high) = lp.Range(cell);
            if (ProtectionAssert.Violation(MeasureKind.Count, _rules, lp.ValueOf(cell), low, high) is { } message)
            {
                failures.Add($"{names[cell]}: {message}; {Describe()}");
            }
        }

        return failures;
    }

    public string Describe()
    {
        var parts = new List<string> { $"total {_total.Value}" };
        for (var d = 0; d < 3; d++)
        {
            parts.Add($"dim{d} [{string.Join(", ", _margins[d].Zip(_oneWay[d].Cells).Select(Show))}] total {_oneWay[d].Total}");
        }

        for (var t = 0; t < Pairs.Length; t++)
        {
            var (r, c) = Pairs[t];
            var rows = Enumerable.Range(0, _sizes[r]).Select(i => string.Join(" ", Enumerable.Range(0, _sizes[c]).Select(j =>
                Show((_interiors[t][i, j], _twoWay[t][i, j])))));
            parts.Add($"dim{r}xdim{c}{(_refused[t] ? " (refused, all hidden)" : string.Empty)} [{string.Join(" | ", rows)}]");
        }

        return string.Join("; ", parts);
    }

    private static string Show((CellData Cell, CellStatus Status) p) =>
        p.Status == CellStatus.Published ? $"{p.Cell.Value}" : $"({p.Cell.Value})";
}
