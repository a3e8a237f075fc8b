namespace Caravan.Core.Statistics.Disclosure;

/// <summary>
/// A two-way table with its margins, seen as a network. Put the row margins in an extra column and the column
/// margins and total in an extra row, with the margins negated: then every row and column of this extended table
/// sums to zero, and any change to the hidden cells that keeps the published ones is a circulation on the
/// bipartite graph of row nodes and column nodes with one edge per hidden cell. So the LP range of a hidden cell is
/// a max-flow: exact, and much cheaper than an LP per candidate cell.
/// </summary>
internal sealed class TableFlowNetwork
{
    private readonly int _nodeCount;
    private readonly List<int>[] _arcsOf;
    private readonly List<int> _to = [];
    private readonly List<double> _capacity = [];
    private readonly List<int> _cellOfArc = [];
    private readonly Dictionary<int, int> _firstArcOfCell = [];
    private double[] _residual = [];

    public TableFlowNetwork(int nodeCount)
    {
        _nodeCount = nodeCount;
        _arcsOf = new List<int>[nodeCount];
        for (var i = 0; i < nodeCount; i++)
        {
            _arcsOf[i] = [];
        }
    }

    /// <summary>
    /// A hidden cell between <paramref name="rowNode"/> and <paramref name="columnNode"/>. Flow towards the column
    /// raises the extended entry, flow back lowers it; an entry that is a real value (sign +1) may fall by at most
    /// that value, a negated margin (sign -1) may rise by at most the margin.
    /// </summary>
    public void AddCell(int cell, int rowNode, int columnNode, double value, int sign)
    {
        var forward = sign > 0 ? double.PositiveInfinity : value;
        var backward = sign > 0 ? value : double.PositiveInfinity;
        _firstArcOfCell[cell] = _to.Count;
        AddArc(rowNode, columnNode, forward, cell);
        AddArc(columnNode, rowNode, backward, cell);
    }

    private void AddArc(int from, int to, double capacity, int cell)
    {
        _arcsOf[from].Add(_to.Count);
        _to.Add(to);
        _capacity.Add(capacity);
        _cellOfArc.Add(cell);
    }

    /// <summary>
    /// Max flow from <paramref name="source"/> to <paramref name="sink"/> without the arcs of
    /// <paramref name="excludedCell"/>, stopping once <paramref name="limit"/> is reached. The residual graph is kept
    /// for <see cref="ReachableWithinResidual"/>.
    /// </summary>
    public double MaxFlow(int source, int sink, int excludedCell, double limit, double epsilon)
    {
        _residual = [.. _capacity];
        if (_firstArcOfCell.TryGetValue(excludedCell, out var arc))
        {
            _residual[arc] = 0;
            _residual[arc + 1] = 0;
        }

        var flow = 0.0;
        var predecessor = new int[_nodeCount];
        var queue = new Queue<int>();
        while (flow < limit - epsilon)
        {
            Array.Fill(predecessor, -1);
            predecessor[source] = int.MaxValue;
            queue.Clear();
            queue.Enqueue(source);
            while (queue.Count > 0 && predecessor[sink] < 0)
            {
                var node = queue.Dequeue();
                foreach (var a in _arcsOf[node])
                {
                    if (_residual[a] > epsilon && predecessor[_to[a]] < 0)
                    {
                        predecessor[_to[a]] = a;
                        queue.Enqueue(_to[a]);
                    }
                }
            }

            if (predecessor[sink] < 0)
            {
                break;
            }

            var push = limit - flow;
            for (var node = sink; node != source; node = _to[predecessor[node] ^ 1])
            {
                push = Math.Min(push, _residual[predecessor[node]]);
            }

            for (var node = sink; node != source; node = _to[predecessor[node] ^ 1])
            {
                _residual[predecessor[node]] -= push;
                _residual[predecessor[node] ^ 1] += push;
            }

            flow += push;
        }

        return flow;
    }

    /// <summary>Whether an arc left with residual capacity after the last <see cref="MaxFlow"/> leads from→to.</summary>
    public IEnumerable<int> ResidualNeighbours(int node, double epsilon)
    {
        foreach (var a in _arcsOf[node])
        {
            if (_residual[a] > epsilon)
            {
                yield return _to[a];
            }
        }
    }

    public int NodeCount => _nodeCount;

    /// <summary>Nodes reachable from <paramref name="source"/> in the residual graph of the last max flow.</summary>
    public bool[] ReachableWithinResidual(int source, double epsilon)
    {
        var seen = new bool[_nodeCount];
        var stack = new Stack<int>();
        seen[source] = true;
        stack.Push(source);
        while (stack.Count > 0)
        {
            foreach (var next in ResidualNeighbours(stack.Pop(), epsilon))
            {
                if (!seen[next])
                {
                    seen[next] = true;
                    stack.Push(next);
                }
            }
        }

        return seen;
    }
}
