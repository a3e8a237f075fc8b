namespace Caravan.Core.Statistics.Disclosure;

/// <summary>
/// Secondary suppression inside a two-way table whose margin patterns are fixed. Cells are numbered as an extended
/// table: interior row-major, then the row margins, the column margins and the total. For each hidden cell in turn,
/// max-flow tells whether it can move far enough each way; if not, the cheapest path of published interior cells is
/// hidden and the flow tried again. Hiding more never narrows anyone's range, so a cell once satisfied stays so.
/// </summary>
internal sealed class TwoWaySuppressor
{
    private readonly int _rows;
    private readonly int _columns;
    private readonly double[] _values;
    private readonly ProtectionInterval[] _intervals;
    private readonly bool[] _eligible;
    private readonly bool[] _hidden;
    private readonly CellStatus[] _status;
    private readonly double _epsilon;
    private readonly double _costPerCell;
    private TableFlowNetwork? _network;

    public TwoWaySuppressor(
        Func<CellData, ProtectionInterval> intervalOf,
        CellData[,] interior,
        IReadOnlyList<CellData> rowTotals,
        IReadOnlyList<CellData> columnTotals,
        CellData total,
        CellStatus[,] interiorStatus,
        IReadOnlyList<CellStatus> rowStatus,
        IReadOnlyList<CellStatus> columnStatus,
        CellStatus totalStatus)
    {
        _rows = rowTotals.Count;
        _columns = columnTotals.Count;
        var count = CellCount;
        var data = new CellData[count];
        _status = new CellStatus[count];
        for (var i = 0; i < _rows; i++)
        {
            for (var j = 0; j < _columns; j++)
            {
                data[Interior(i, j)] = interior[i, j];
                _status[Interior(i, j)] = interiorStatus[i, j];
            }

            data[RowMargin(i)] = rowTotals[i];
            _status[RowMargin(i)] = rowStatus[i];
        }

        for (var j = 0; j < _columns; j++)
        {
            data[ColumnMargin(j)] = columnTotals[j];
            _status[ColumnMargin(j)] = columnStatus[j];
        }

        data[Total] = total;
        _status[Total] = totalStatus;

        _values = [.. data.Select(d => (double)d.Value)];
        _intervals = [.. data.Select(intervalOf)];
        _hidden = [.. _status.Select(s => s != CellStatus.Published)];
        // Empty cells are known zeros, and a zero-valued one adds no width: neither is worth hiding.
        _eligible = [.. data.Select((d, cell) => cell < _rows * _columns && d.Contributors > 0 && d.Value > 0)];
        var scale = Math.Max(1, _values.Max());
        _epsilon = 1e-9 * scale;
        _costPerCell = 1e-6 * scale;
    }

    private int CellCount => (_rows * _columns) + _rows + _columns + 1;

    private int Interior(int row, int column) => (row * _columns) + column;

    private int RowMargin(int row) => (_rows * _columns) + row;

    private int ColumnMargin(int column) => (_rows * _columns) + _rows + column;

    private int Total => CellCount - 1;

    private int ColumnNode(int column) => _rows + 1 + column;

    private (int RowNode, int ColumnNode, int Sign) Place(int cell)
    {
        if (cell < _rows * _columns)
        {
            return (cell / _columns, ColumnNode(cell % _columns), 1);
        }

        if (cell < ColumnMargin(0))
        {
            return (cell - RowMargin(0), ColumnNode(_columns), -1);
        }

        return cell < Total ? (_rows, ColumnNode(cell - ColumnMargin(0)), -1) : (_rows, ColumnNode(_columns), 1);
    }

    /// <returns>The interior statuses, LP-audited when <paramref name="audit"/> is set.</returns>
    /// <exception cref="TableNotProtectableException">No choice of interior cells protects every hidden cell.</exception>
    public CellStatus[,] Protect(bool audit = true)
    {
        var work = new Queue<int>(Enumerable.Range(0, CellCount).Where(c => _hidden[c]));
        while (work.Count > 0)
        {
            var cell = work.Dequeue();
            var (rowNode, columnNode, sign) = Place(cell);
            // Raising a real entry pushes flow row→column through the cell, so it must come back column→row.
            var up = sign > 0 ? (columnNode, rowNode) : (rowNode, columnNode);
            Widen(cell, up.Item1, up.Item2, _intervals[cell].Up, work, raise: true);
            Widen(cell, up.Item2, up.Item1, _intervals[cell].Down, work, raise: false);
        }

        var solver = audit ? Audit() : null;
        var unprotected = solver?.FindUnprotected(_hidden) ?? [];
        if (unprotected.Count > 0)
        {
            // Max-flow is exact for this LP, so this is a safety net rather than a path expected to run.
            for (var cell = 0; cell < _rows * _columns; cell++)
            {
                if (_eligible[cell] && !_hidden[cell])
                {
                    _hidden[cell] = true;
                    _status[cell] = CellStatus.SecondarySuppressed;
                }
            }

            unprotected = solver!.FindUnprotected(_hidden);
            if (unprotected.Count > 0)
            {
                throw NotProtectable(unprotected[0]);
            }
        }

        var result = new CellStatus[_rows, _columns];
        for (var i = 0; i < _rows; i++)
        {
            for (var j = 0; j < _columns; j++)
            {
                result[i, j] = _status[Interior(i, j)];
            }
        }

        return result;
    }

    private void Widen(int cell, int source, int sink, double need, Queue<int> work, bool raise)
    {
        if (need <= ProtectionInterval.Tolerance(_values[cell]))
        {
            return;
        }

        var target = need - ProtectionInterval.Tolerance(_values[cell]);
        while (true)
        {
            if (ShortCycles(cell, raise, target))
            {
                return;
            }

            var network = Network();
            if (network.MaxFlow(source, sink, cell, target, _epsilon) >= target - _epsilon)
            {
                return;
            }

            var path = CandidatePath.Find(network, Candidates(), c => _values[c] + _costPerCell, source, sink, _epsilon)
                ?? throw NotProtectable(cell);
            foreach (var added in path)
            {
                _hidden[added] = true;
                _status[added] = CellStatus.SecondarySuppressed;
                work.Enqueue(added);
            }

            _network = null;
        }
    }

    /// <summary>
    /// Whether cycles of four hidden interior cells alone move <paramref name="cell"/> far enough: a feasible flow, so
    /// a lower bound of the max-flow, and found in one pass over the cell's row and column. In tables where most cells
    /// are small (by agency, most are) nearly every hidden cell passes here, and only the rest pay for a max-flow.
    /// </summary>
    private bool ShortCycles(int cell, bool raise, double target)
    {
        if (cell >= _rows * _columns)
        {
            return false;
        }

        var (row, column) = (cell / _columns, cell % _columns);
        var flow = 0.0;
        if (raise)
        {
            // Raise (row, column) and (i, j); lower (i, column) and (row, j): each cell lowered by no more than its value.
            var rowLeft = new double[_columns];
            for (var j = 0; j < _columns; j++)
            {
                rowLeft[j] = j != column && _hidden[Interior(row, j)] ? _values[Interior(row, j)] : 0;
            }

            for (var i = 0; i < _rows && flow < target - _epsilon; i++)
            {
                if (i == row || !_hidden[Interior(i, column)])
                {
                    continue;
                }

                var columnLeft = _values[Interior(i, column)];
                for (var j = 0; j < _columns && columnLeft > _epsilon && flow < target - _epsilon; j++)
                {
                    if (rowLeft[j] > _epsilon && _hidden[Interior(i, j)])
                    {
                        var push = Math.Min(Math.Min(columnLeft, rowLeft[j]), target - flow);
                        columnLeft -= push;
                        rowLeft[j] -= push;
                        flow += push;
                    }
                }
            }

            return flow >= target - _epsilon;
        }

        // Lower (row, column) and (i, j); raise (i, column) and (row, j): each cycle lowers a different (i, j).
        for (var i = 0; i < _rows; i++)
        {
            if (i == row || !_hidden[Interior(i, column)])
            {
                continue;
            }

            for (var j = 0; j < _columns; j++)
            {
                if (j != column && _hidden[Interior(row, j)] && _hidden[Interior(i, j)])
                {
                    flow += _values[Interior(i, j)];
                    if (flow >= target - _epsilon)
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private TableFlowNetwork Network()
    {
        if (_network is null)
        {
            _network = new TableFlowNetwork(_rows + _columns + 2);
            for (var cell = 0; cell < CellCount; cell++)
            {
                if (_hidden[cell])
                {
                    var (rowNode, columnNode, sign) = Place(cell);
                    _network.AddCell(cell, rowNode, columnNode, _values[cell], sign);
                }
            }
        }

        return _network;
    }

    private List<(int Cell, int Node)>[] Candidates()
    {
        var candidates = new List<(int Cell, int Node)>[_rows + _columns + 2];
        for (var node = 0; node < candidates.Length; node++)
        {
            candidates[node] = [];
        }

        for (var cell = 0; cell < _rows * _columns; cell++)
        {
            if (_eligible[cell] && !_hidden[cell])
            {
                var (rowNode, columnNode, _) = Place(cell);
                candidates[rowNode].Add((cell, columnNode));
                candidates[columnNode].Add((cell, rowNode));
            }
        }

        return candidates;
    }

    private ProtectionAudit Audit()
    {
        var audit = new ProtectionAudit(_values, _intervals);
        for (var i = 0; i < _rows; i++)
        {
            audit.AddConstraint([.. Enumerable.Range(0, _columns).Select(j => (Interior(i, j), 1.0)), (RowMargin(i), -1.0)]);
        }

        for (var j = 0; j < _columns; j++)
        {
            audit.AddConstraint([.. Enumerable.Range(0, _rows).Select(i => (Interior(i, j), 1.0)), (ColumnMargin(j), -1.0)]);
        }

        audit.AddConstraint([.. Enumerable.Range(0, _rows).Select(i => (RowMargin(i), 1.0)), (Total, -1.0)]);
        audit.AddConstraint([.. Enumerable.Range(0, _columns).Select(j => (ColumnMargin(j), 1.0)), (Total, -1.0)]);
        return audit;
    }

    private TableNotProtectableException NotProtectable(int cell)
    {
        var where = cell < _rows * _columns ? $"interior cell ({cell / _columns}, {cell % _columns})"
            : cell < ColumnMargin(0) ? $"row margin {cell - RowMargin(0)}"
            : cell < Total ? $"column margin {cell - ColumnMargin(0)}"
            : "the total";
        return new TableNotProtectableException(
            $"The published margins pin {where} (value {_values[cell]}) to too narrow a range, whatever interior "
            + "cells are hidden.");
    }
}
